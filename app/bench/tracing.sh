#!/usr/bin/env bash
# Tracing's cost: the same requests under wrk against three instances started alike through app/run with the
# development issuer, measured in turn (a b c c b a, so drift on a shared machine cancels), reported as ratios
# against the first:
#   baseline   the jar of BASELINE (a commit, default: the one before tracing came in), built in a scratch copy
#   off        this checkout's jar, no OTEL_* variable set (tracing off: the default)
#   on         this checkout's jar, OTEL_EXPORTER_OTLP_ENDPOINT to a stand-in collector on loopback that accepts
#              every export, OTEL_TRACES_SAMPLER=always_on (100 %), OTEL_BSP_SCHEDULE_DELAY default
# Rows: /api/public, and /api/private with one token over and over (the verified-token cache answers): the
# request path itself, where a span's cost would show. Requests/s and the server's CPU per request.
#
# Usage: app/bench/tracing.sh [-d seconds per measurement] [-w warm-up seconds] [-c connections] [-t threads]
#        BASELINE=<commit> app/bench/tracing.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. app/bench/lib.sh

duration=15 warmup=15 connections=32 threads=2
while getopts "d:w:c:t:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; c) connections=$OPTARG ;; t) threads=$OPTARG ;;
    *) echo "usage: $0 [-d seconds] [-w warm-up seconds] [-c connections] [-t threads]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

ensure_jar
out=app/target/bench/tracing; rm -rf "$out"; mkdir -p "$out"
baseline=${BASELINE:-$(git log --format=%H -1 --grep='^OpenTelemetry traces')~1}
echo "baseline: $(git log --oneline -1 "$baseline")" >&2
git archive "$baseline" | tar -x -C "$out" --one-top-level=baseline-src
(cd "$out/baseline-src" && ./mvnw -q -B -o package -DskipTests) >&2
mkdir -p "$out/baseline" "$out/current"
cp "$out"/baseline-src/app/target/app-*.jar "$out/baseline/app.jar"
cp "$(find app/target -maxdepth 1 -name 'app-*.jar' | head -1)" "$out/current/app.jar"

# The stand-in collector: 200 to every POST, nothing kept.
collector_port=$(free_port)
python3 - "$collector_port" >"$out/collector.log" 2>&1 <<'PY' &
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

declare -A port
start() { # name jar-dir [VAR=value ...]
  local name=$1 dir=$2; shift 2
  port[$name]=$(free_port)
  env "$@" MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_PORT="${port[$name]}" \
    LOGGER_LEVELS_ACCESS=OFF APP_CACHE=off APP_JAR="$dir/app.jar" app/run >"$out/$name.log" 2>&1 &
  pids+=($!)
  eval "pid_$name=$!"
  await_200 "http://127.0.0.1:${port[$name]}/api/public" "$!" 180 || { echo "$name did not start; see $out/$name.log" >&2; exit 1; }
}
start baseline "$out/baseline"
start off "$out/current"
start on "$out/current" OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$collector_port" OTEL_TRACES_SAMPLER=always_on
declare -A token # each instance has a development issuer, and so keys, of its own
for name in baseline off on; do
  token[$name]=$(dev_token "$out/$name.log")
  [[ -n ${token[$name]} ]] || { echo "no development token; see $out/$name.log" >&2; exit 1; }
done

# CPU ticks (user + system) of the JVM serving a port: app/run execs java, so the pid is the JVM's.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A rps cpu
measure() { # name route seconds
  local name=$1 route=$2 seconds=$3 pidvar="pid_$1" before after output requests
  local -a auth=()
  [[ $route == /api/private ]] && auth=(-H "Authorization: Bearer ${token[$name]}")
  before=$(ticks "${!pidvar}")
  output=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" "${auth[@]}" "http://127.0.0.1:${port[$name]}$route")
  after=$(ticks "${!pidvar}")
  requests=$(awk '/requests in/ {print $1}' <<<"$output")
  grep -q "Non-2xx" <<<"$output" && { echo "$name $route: non-2xx answers" >&2; exit 1; }
  rps[$name$route]=$(echo "${rps[$name$route]:-0} + $requests / $seconds" | bc -l)
  cpu[$name$route]=$(echo "${cpu[$name$route]:-0} + ($after - $before) * 10000 / $requests" | bc -l) # µs per request (100 ticks/s)
}

for route in /api/public /api/private; do
  for name in baseline off on; do measure "$name" "$route" "$warmup"; done # warm-up (the JIT), not kept
  unset 'rps[baseline'$route']' 'rps[off'$route']' 'rps[on'$route']' 'cpu[baseline'$route']' 'cpu[off'$route']' 'cpu[on'$route']'
  for name in baseline off on on off baseline; do measure "$name" "$route" "$duration"; done
done

echo "tracing cost $(date -u +%Y-%m-%dT%H:%MZ)  (wrk -t$threads -c$connections, ${warmup}s warm-up then 2 x ${duration}s per instance and route, order a b c c b a; app/run, access log off, no startup cache; $(java -version 2>&1 | head -1))"
printf '%-13s %-9s %12s %10s %14s %10s\n' route instance "requests/s" "vs base" "CPU us/req" "vs base"
for route in /api/public /api/private; do
  for name in baseline off on; do
    printf '%-13s %-9s %12.0f %10.3f %14.1f %10.3f\n' "$route" "$name" \
      "$(echo "${rps[$name$route]} / 2" | bc -l)" "$(echo "${rps[$name$route]} / ${rps[baseline$route]}" | bc -l)" \
      "$(echo "${cpu[$name$route]} / 2" | bc -l)" "$(echo "${cpu[$name$route]} / ${cpu[baseline$route]}" | bc -l)"
  done
done
