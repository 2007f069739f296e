#!/bin/bash
# Startup cache training run of the container image (the Dockerfile's runtime stage runs it once, as
# root, from the build context; it is not part of the image). JDK 25: the AOT cache.
#
# It starts the service once through app/run with the development issuer (nothing leaves the build
# container), sends the requests production sees, stops it with SIGTERM. app/run records the classes
# the JVM loaded and links, and on that normal stop writes them next to the jar, where every later start
# maps them: the first 200 with a third of the CPU (docs/performance.md, "Launch"). A cache is only valid
# for the JVM that wrote it, hence this runs on the runtime image; app/run's fixed heap makes it fit any
# container limit. (A cache that does not fit is skipped: the service still starts, slower.)
#
# A script file rather than a RUN heredoc: older builders (podman 4.3's buildah) have no heredocs.
set -euo pipefail
MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_PORT=8080 \
  /app/run >/tmp/training.log 2>&1 &
pid=$!

# GET <path> [token] on 127.0.0.1:8080; prints the status line, e.g. "HTTP/1.1 200 OK".
get() {
  local auth=''
  if [[ -n ${2-} ]]; then auth="Authorization: Bearer $2"$'\r\n'; fi
  exec 3<>/dev/tcp/127.0.0.1/8080 || return 1
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\n%sConnection: close\r\n\r\n' "$1" "$auth" >&3
  local status
  IFS= read -r status <&3
  cat <&3 >/dev/null
  exec 3<&-
  echo "${status%$'\r'}"
}
fail() { echo "Startup cache training failed: $1" >&2; cat /tmp/training.log >&2; kill "$pid" 2>/dev/null; exit 1; }

for _ in $(seq 600); do
  get /api/public >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || fail "the service stopped"
  sleep 0.1
done
# The development issuer logs curl lines with tokens (valid for this process only) once its key,
# generated in the background, is ready: possibly after the first 200.
for _ in $(seq 600); do grep -q 'Bearer ' /tmp/training.log && break; sleep 0.1; done
token=$(grep -o -m1 'Bearer [A-Za-z0-9._-]*' /tmp/training.log | head -n1 | cut -d' ' -f2 || true)
[[ -n $token ]] || fail "no development token in the log"

for _ in 1 2 3; do
  [[ $(get /api/public) == 'HTTP/1.1 200 '* ]] || fail "/api/public"
  [[ $(get /api/private "$token") == 'HTTP/1.1 200 '* ]] || fail "/api/private with a token"
  [[ $(get /api/private-scoped "$token") == 'HTTP/1.1 200 '* ]] || fail "/api/private-scoped with a token"
  get /api/private >/dev/null                # 401, no token
  get /api/private not.a.token >/dev/null    # 401 invalid_token
  get /not-a-route >/dev/null                # 404
  get /health/liveness >/dev/null
  get /health/readiness >/dev/null
  get /prometheus >/dev/null
done
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[[ $status -eq 0 ]] || fail "expected exit code 0 after SIGTERM (a normal stop), got $status"
compgen -G '/app/app.*.aot' >/dev/null || fail "no cache written"

# The cache maps (-XX:AOTMode=on refuses to start otherwise), and the image's default configuration
# stops with its one sentence and exit code 2.
status=0
/app/run -XX:AOTMode=on || status=$?
[[ $status -eq 2 ]] || fail "expected exit code 2 without an issuer, got $status"

rm -rf /tmp/training.log /tmp/hsperfdata_*
chmod 0444 /app/app.jar /app/app.*.aot
