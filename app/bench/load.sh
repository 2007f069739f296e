#!/usr/bin/env bash
# Load benchmark: the three routes under wrk, reported as ratios against /api/public measured in the
# same run (absolute numbers drift on a shared machine). The service starts through app/run, as the
# README and the container image start it. See docs/performance.md.
#
# Usage: app/bench/load.sh [-d seconds per route] [-w warm-up seconds] [-c connections] [-t threads]
#        JAVA_OPTS="-Xmx256m" app/bench/load.sh      (JVM options added to app/run's defaults)
#        APP_CACHE=off app/bench/load.sh             (without app/run's startup cache)
#        JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 app/bench/load.sh
#        ACCESS_LOG=INFO app/bench/load.sh           (with the access log, off by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
. app/bench/lib.sh

duration=20 warmup=36 connections=64 threads=2
while getopts "d:w:c:t:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; c) connections=$OPTARG ;; t) threads=$OPTARG ;;
    *) echo "usage: $0 [-d seconds] [-w warm-up seconds] [-c connections] [-t threads]" >&2; exit 2 ;;
  esac
done
read -r -a java_opts <<<"${JAVA_OPTS:-}"

command -v wrk >/dev/null || {
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
  else echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1; fi
}

ensure_jar
out=app/target/bench; mkdir -p "$out"

# app/run's startup cache (the default, as in the container image): recorded by a training run first,
# so that the measured run starts as every start after the first does. APP_CACHE=off to compare.
ensure_startup_cache "$out/cache-training.log" "${java_opts[@]}"
jvm=$(APP_RUN_PRINT=1 app/run "${java_opts[@]}" | sed -n '2,/^-jar$/p' | grep -v '^-jar$' | tr '\n' ' ')
stamp=$(date +%Y%m%d-%H%M%S); log="$out/service-$stamp.log"; report="$out/load-$stamp.txt"
port=$(free_port)
base="http://127.0.0.1:$port"

# The access log is off by default (ACCESS_LOG=INFO to include it): every route pays for it alike, so
# it would only dilute the cost of authentication that the ratios are meant to show.
# app/run replaces itself with java when it does not record a cache, so $pid is the JVM's.
launch=$(date +%s%N)
MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 \
  LOGGER_LEVELS_ACCESS=${ACCESS_LOG:-OFF} app/run "${java_opts[@]}" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
await_200 "$base/api/public" $pid 120 || { echo "the service died or did not answer; see $log" >&2; exit 1; }
first200_ms=$(( ($(date +%s%N) - launch) / 1000000 ))
rss_started_kb=$(awk '/VmRSS/{print $2}' /proc/$pid/status)

# Tokens from the dev issuer's startup lines: the first private-scoped line carries read:messages.
token=$(dev_token "$log")
[ -n "$token" ] || { echo "no token in the startup log; see $log" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/private-scoped")" = 200 ] \
  || { echo "the dev token is not accepted" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }           # utime + stime of a process
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; } # whole machine, all cores
hz=$(getconf CLK_TCK); cores=$(nproc)

run_wrk() { # route seconds -> wrk output, with the server's CPU ticks and the machine's busy ticks around it
  local route=$1 seconds=$2 header=()
  [ "$route" = /api/public ] || header=(-H "Authorization: Bearer $token")
  local s0 b0; s0=$(cpu_ticks $pid); b0=$(busy_ticks)
  /usr/bin/time -f "wrk-cpu %U %S" wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "${header[@]}" "$base$route" 2>&1
  echo "server-ticks $(( $(cpu_ticks $pid) - s0 )) busy-ticks $(( $(busy_ticks) - b0 ))"
}

echo "warming up for ${warmup}s ..." >&2
for route in /api/public /api/private /api/private-scoped; do run_wrk $route $((warmup / 3)) >/dev/null; done

declare -A rps p50 p99 cpu_us other errors
measure() { # key route
  local key=$1 route=$2 output requests seconds wrk_cpu
  output=$(run_wrk "$route" "$duration")
  rps[$key]=$(awk '/^Requests\/sec/{print $2}' <<<"$output")
  p50[$key]=$(awk '$1=="50%"{print $2}' <<<"$output")
  p99[$key]=$(awk '$1=="99%"{print $2}' <<<"$output")
  requests=$(awk '/requests in/{print $1}' <<<"$output")
  errors[$key]=$(awk '/Non-2xx|Socket errors/{print}' <<<"$output" | tr '\n' ' ')
  local server_ticks busy wrk_seconds
  server_ticks=$(awk '/server-ticks/{print $2}' <<<"$output"); busy=$(awk '/server-ticks/{print $4}' <<<"$output")
  wrk_seconds=$(awk '/wrk-cpu/{print $2 + $3}' <<<"$output")
  cpu_us[$key]=$(python3 -c "print(round($server_ticks / $hz * 1e6 / $requests, 1))")
  # Everything else that ran meanwhile, as a share of the machine: a noisy run shows here.
  other[$key]=$(python3 -c "print(max(0, round(100 * ($busy / $hz - $server_ticks / $hz - $wrk_seconds) / ($cores * $duration), 1)))")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
measure public1 /api/public
measure private /api/private
measure scoped /api/private-scoped
measure public2 /api/public
rss_after_kb=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
errors_in_log=$(grep -c -E ' ERROR |OutOfMemoryError' "$log" || true)

{
  echo "load benchmark $stamp  (wrk -t$threads -c$connections -d${duration}s after ${warmup}s warm-up; JVM: app/run, i.e. $jvm; $("$(APP_RUN_PRINT=1 app/run | head -1)" -version 2>&1 | head -1); access log ${ACCESS_LOG:-OFF})"
  echo "machine: $cores cores, load average before: $load_before"
  printf '%-22s %10s %9s %9s %12s %12s  %s\n' route req/s p50 p99 "cpu us/req" "other load%" errors
  for key in public1 private scoped public2; do
    printf '%-22s %10s %9s %9s %12s %12s  %s\n' "$key" "${rps[$key]}" "${p50[$key]}" "${p99[$key]}" "${cpu_us[$key]}" "${other[$key]}" "${errors[$key]:-}"
  done
  python3 - "${rps[public1]}" "${rps[public2]}" "${rps[private]}" "${rps[scoped]}" "${p99[public1]}" "${p99[public2]}" "${p99[private]}" "${p99[scoped]}" <<'PY'
import sys
def ms(v):
    return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
pub1, pub2, priv, scoped = map(float, sys.argv[1:5])
p99 = [ms(v) for v in sys.argv[5:9]]
public = (pub1 + pub2) / 2
public_p99 = (p99[0] + p99[1]) / 2
print(f"public baseline {public:.0f} req/s (drift between its two runs {100 * abs(pub1 - pub2) / public:.1f} %)")
print(f"ratio /api/private / /api/public          {priv / public:.3f}   (target >= 0.85)")
print(f"ratio /api/private-scoped / /api/public   {scoped / public:.3f}   (target >= 0.85)")
print(f"p99 ratio /api/private / /api/public      {p99[2] / public_p99:.2f}    (target <= 2)")
print(f"p99 ratio /api/private-scoped / public    {p99[3] / public_p99:.2f}")
PY
  echo "launch to first 200: ${first200_ms} ms; RSS after startup: $((rss_started_kb / 1024)) MB; RSS after the load: $((rss_after_kb / 1024)) MB"
  echo "ERROR lines in the service log: $errors_in_log"
} | tee "$report"
echo "report: $report; service log: $log" >&2
