# shellcheck shell=bash
# Sourced by load.sh: with MEMORY_LIMIT set (e.g. 256M), the measured instance runs in a memory cgroup of
# that limit, as under a container's limit (the Deployment's 256Mi): anonymous memory and the page cache of
# the files it maps (jar, startup cache) count, and the kernel reclaims the latter before it kills. Root
# only; cgroup v2 (memory.max) or v1 (memory.limit_in_bytes). memory_limit_report prints its peak and
# whether the OOM killer fired.

memory_cgroup='' next_wrapper=()
# Sets next_wrapper, which start() puts before app/run: a shell that moves itself into the cgroup, then
# becomes app/run, which becomes java, so the pid and the cgroup stay the JVM's.
limit_memory_of_next_start() {
  [ -n "${MEMORY_LIMIT:-}" ] || return 0
  [ "$(id -u)" = 0 ] || { echo "MEMORY_LIMIT: creating a cgroup needs root" >&2; exit 1; }
  local bytes name=resource-server-bench-$$
  bytes=$(numfmt --from=iec "$MEMORY_LIMIT")
  if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
    memory_cgroup=/sys/fs/cgroup/$name; mkdir -p "$memory_cgroup"; echo "$bytes" >"$memory_cgroup/memory.max"
    echo 0 >"$memory_cgroup/memory.swap.max" 2>/dev/null || true
  elif [ -d /sys/fs/cgroup/memory ]; then
    memory_cgroup=/sys/fs/cgroup/memory/$name; mkdir -p "$memory_cgroup"; echo "$bytes" >"$memory_cgroup/memory.limit_in_bytes"
  else
    echo "MEMORY_LIMIT: no cgroup memory controller here" >&2; exit 1
  fi
  # shellcheck disable=SC2016,SC2034
  next_wrapper=(bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$memory_cgroup")
}

# Called from load.sh's exit trap, once the processes have ended.
remove_memory_cgroup() {
  [ -n "$memory_cgroup" ] || return 0
  sleep 1; rmdir "$memory_cgroup" 2>/dev/null || true
}

memory_limit_report() {
  [ -n "$memory_cgroup" ] || return 0
  if [ -f "$memory_cgroup/memory.peak" ]; then
    echo "memory cgroup limit $MEMORY_LIMIT: peak $(( $(cat "$memory_cgroup/memory.peak") / 1048576 )) MiB;" \
      "OOM kills $(awk '$1=="oom_kill"{print $2}' "$memory_cgroup/memory.events")"
  else
    echo "memory cgroup limit $MEMORY_LIMIT: peak $(( $(cat "$memory_cgroup/memory.max_usage_in_bytes") / 1048576 )) MiB;" \
      "limit reached $(cat "$memory_cgroup/memory.failcnt") times; OOM kills $(awk '$1=="oom_kill"{print $2}' "$memory_cgroup/memory.oom_control")"
  fi
}
