#!/usr/bin/env bash
# Startup benchmark: launch to the first 200 on /api/public, started through app/run in the dev
# environment, N times in a row; prints each run, the median, RSS after startup and the load average
# (on a busy machine the wall-clock numbers say more about the machine), and the CPU time the JVM had
# used by then, which other load changes much less. See docs/performance.md.
#
# Usage: app/bench/startup.sh [-n runs] [app/run arguments ...]
#        APP_CACHE=off app/bench/startup.sh                       (without app/run's startup cache)
#        JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 app/bench/startup.sh
#        app/bench/startup.sh -j                                  (plain java -jar, for comparison)
#        app/bench/startup.sh -p                                  (production: a configured issuer, as in the image)
#
# -p starts the production environment trusting a benchmark issuer whose key set (app/bench/startup-jwks.json,
# a public key only: no token is ever presented, and its private half is not in the repository) is served on
# loopback: the image's launch, JSON logs, no development issuer (whose key generation competes for the CPU
# in dev).
set -euo pipefail
cd "$(dirname "$0")/../.."
. app/bench/lib.sh

runs=5 plain='' production=''
while getopts "n:jp" opt; do
  case $opt in
    n) runs=$OPTARG ;; j) plain=1 ;; p) production=1 ;;
    *) echo "usage: $0 [-n runs] [-j] [-p] [app/run arguments ...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

ensure_jar
out=app/target/bench; mkdir -p "$out"
if [ -n "$plain" ]; then
  launcher=("$(APP_RUN_PRINT=1 app/run | head -1)" "$@" -jar "$(APP_RUN_PRINT=1 app/run | tail -1)")
else
  ensure_startup_cache "$out/cache-training.log" "$@"
  launcher=(app/run "$@")
fi

environment=(MICRONAUT_ENVIRONMENTS=dev)
if [ -n "$production" ]; then
  jwks_port=$(free_port)
  python3 -m http.server "$jwks_port" --bind 127.0.0.1 --directory app/bench >/dev/null 2>&1 &
  jwks_pid=$!
  trap 'kill $jwks_pid 2>/dev/null' EXIT
  environment=(AUTH_ISSUER=https://startup.example/ AUTH_AUDIENCE=https://api.example/
    AUTH_JWKS_URI="http://127.0.0.1:$jwks_port/startup-jwks.json")
fi
# thread_cpu <pid>: CPU time by thread so far: the startup thread (the JVM's first thread after the
# launcher's, named "java"), the two compiler threads, all the others. On 2 cores the compilers take
# the second core, so the startup thread's own time is what bounds the first 200.
thread_cpu() {
  local task first=
  for task in /proc/"$1"/task/*; do
    if [ "${task##*/}" != "$1" ] && [ -z "$first" ] && [ "$(cat "$task/comm")" = java ]; then first=${task##*/}; fi
  done
  for task in /proc/"$1"/task/*; do
    printf '%s %s\n' "$(awk '{print $14 + $15}' "$task/stat")" "$([ "${task##*/}" = "$first" ] && echo startup || cat "$task/comm")"
  done | awk -v hz="$(getconf CLK_TCK)" '
    { name = ($2 == "startup") ? "startup thread" : ($2 ~ /^C2/) ? "C2" : ($2 ~ /^C1/) ? "C1" : "others"; t[name] += $1 }
    END { printf "startup thread %d, C2 %d, C1 %d, others %d ms", t["startup thread"] * 1000 / hz, t["C2"] * 1000 / hz, t["C1"] * 1000 / hz, t["others"] * 1000 / hz }'
}

times=() cpu=()
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "launcher: ${launcher[*]}; ${environment[*]}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  port=$(free_port) log=$out/startup-$i.log
  launch=$(date +%s%N)
  env "${environment[@]}" MICRONAUT_SERVER_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 "${launcher[@]}" >"$log" 2>&1 &
  pid=$!
  await_200 "http://127.0.0.1:$port/api/public" $pid 120 || { echo "run $i: no 200; see $log" >&2; kill $pid 2>/dev/null; exit 1; }
  ms=$(( ($(date +%s%N) - launch) / 1000000 ))
  cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' /proc/$pid/stat)
  rss_mb=$(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 ))
  times+=("$ms") cpu+=("$cpu_ms")
  echo "run $i: first 200 after $ms ms (JVM CPU time $cpu_ms ms: $(thread_cpu $pid)); RSS $rss_mb MB; load average $(cut -d' ' -f1 /proc/loadavg)"
  kill -TERM $pid; wait $pid 2>/dev/null || true
done
echo "median of $runs: first 200 after $(median "${times[@]}") ms, JVM CPU time $(median "${cpu[@]}") ms; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
