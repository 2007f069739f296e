#!/usr/bin/env bash
# Load benchmark: the routes under wrk, reported as ratios against /api/public measured in the same run
# (absolute numbers drift on a shared machine). The service starts through app/run with the production
# logging configuration and the access log on, as the README and the container image start it; a
# second instance with the access log off answers /api/public alongside, for the log's cost. Tokens
# come from a benchmark issuer: N distinct RS256 tokens minted by BenchTokens (auth-adapter's JMH
# sources), its JWKS served on loopback. See docs/performance.md.
#
# Routes: public (log on), public (log off), private (one token over and over: the verified-token
# cache answers), distinct (/api/private-scoped, the N tokens round-robin: more than the cache holds,
# so nearly every request is a full verification), then both public routes again.
#
# Usage: app/bench/load.sh [-d seconds per route] [-w warm-up seconds] [-c connections] [-t threads] [-n tokens]
#        JAVA_OPTS="-Xmx256m" app/bench/load.sh      (JVM options added to app/run's defaults)
#        PROFILE=app/target/bench/load.jfr app/bench/load.sh   (a JFR recording of the measured instance)
#        APP_CACHE=off app/bench/load.sh             (without app/run's startup cache)
#        JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 app/bench/load.sh
#        ACCESS_LOG=OFF app/bench/load.sh            (the measured instance without its access log)
set -euo pipefail
cd "$(dirname "$0")/../.."
. app/bench/lib.sh

duration=20 warmup=36 connections=64 threads=2 distinct=30000
while getopts "d:w:c:t:n:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; c) connections=$OPTARG ;; t) threads=$OPTARG ;; n) distinct=$OPTARG ;;
    *) echo "usage: $0 [-d seconds] [-w warm-up seconds] [-c connections] [-t threads] [-n tokens]" >&2; exit 2 ;;
  esac
done
read -r -a java_opts <<<"${JAVA_OPTS:-}"
access_log=${ACCESS_LOG:-INFO}

command -v wrk >/dev/null || {
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
  else echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1; fi
}

ensure_jar
out=app/target/bench; mkdir -p "$out"

# The benchmark issuer's tokens: valid four hours, minted again when older than two or too few.
issuer=https://bench.example/ audience=https://api.example/ tokens_dir=$out/tokens
if [ ! -s "$tokens_dir/tokens.txt" ] || [ -n "$(find "$tokens_dir/tokens.txt" -mmin +120)" ] \
    || [ "$(wc -l <"$tokens_dir/tokens.txt")" -lt "$distinct" ]; then
  echo "minting $distinct tokens ..." >&2
  cp=$(bench_classpath)
  ${JAVA_HOME:+$JAVA_HOME/bin/}java -cp "$cp" com.example.resourceserver.auth.bench.BenchTokens \
    "$tokens_dir" "$distinct" "$issuer" "$audience" 14400
fi
head -n "$distinct" "$tokens_dir/tokens.txt" >"$out/tokens-used.txt"
token=$(head -1 "$out/tokens-used.txt")

# app/run's startup cache (the default, as in the container image): recorded by a training run first,
# so that the measured run starts as every start after the first does. APP_CACHE=off to compare.
ensure_startup_cache "$out/cache-training.log" "${java_opts[@]}"
jvm=$(APP_RUN_PRINT=1 app/run "${java_opts[@]}" | sed -n '2,/^-jar$/p' | grep -v '^-jar$' | tr '\n' ' ')
stamp=$(date +%Y%m%d-%H%M%S); report="$out/load-$stamp.txt"

jwks_port=$(free_port)
python3 -m http.server "$jwks_port" --bind 127.0.0.1 --directory "$tokens_dir" >/dev/null 2>&1 &
jwks_pid=$!
pids=($jwks_pid)
trap 'kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null || true' EXIT

# start <access log level> <log file> [java options]: one instance through app/run, trusting the benchmark issuer. app/run
# replaces itself with java when it does not record a cache, so the pid is the JVM's. Sets port, pid.
start() {
  port=$(free_port)
  AUTH_ISSUER=$issuer AUTH_AUDIENCE=$audience AUTH_JWKS_URI="http://127.0.0.1:$jwks_port/jwks.json" \
    MICRONAUT_SERVER_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 LOGGER_LEVELS_ACCESS=$1 \
    app/run "${java_opts[@]}" "${@:3}" >"$2" 2>&1 &
  pid=$!
  pids+=($pid)
}
log="$out/service-$stamp.log"
launch=$(date +%s%N)
profile=()
[ -z "${PROFILE:-}" ] || profile=("-XX:StartFlightRecording=filename=$PROFILE,settings=profile")
start "$access_log" "$log" "${profile[@]}"; base="http://127.0.0.1:$port"; main_pid=$pid
await_200 "$base/api/public" $main_pid 120 || { echo "the service died or did not answer; see $log" >&2; exit 1; }
first200_ms=$(( ($(date +%s%N) - launch) / 1000000 ))
rss_started_kb=$(awk '/VmRSS/{print $2}' /proc/$main_pid/status)
start OFF "$out/service-$stamp-log-off.log"; base_off="http://127.0.0.1:$port"; off_pid=$pid
await_200 "$base_off/api/public" $off_pid 120 || { echo "the log-off instance did not answer" >&2; exit 1; }

[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/private-scoped")" = 200 ] \
  || { echo "the benchmark token is not accepted; see $log" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }           # utime + stime of a process
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; } # whole machine, all cores
hz=$(getconf CLK_TCK); cores=$(nproc)

run_wrk() { # key seconds -> wrk output, with the server's CPU ticks and the machine's busy ticks around it
  local key=$1 seconds=$2 args=() target=$main_pid url=$base
  case $key in
    public) args=("$base/api/public") ;;
    public-log-off) args=("$base_off/api/public"); target=$off_pid ;;
    private) args=(-H "Authorization: Bearer $token" "$base/api/private") ;;
    distinct) args=(-s app/bench/distinct.lua "$base/api/private-scoped" -- "$out/tokens-used.txt") ;;
  esac
  local s0 b0; s0=$(cpu_ticks $target); b0=$(busy_ticks)
  /usr/bin/time -f "wrk-cpu %U %S" wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "${args[@]}" 2>&1
  echo "server-ticks $(( $(cpu_ticks $target) - s0 )) busy-ticks $(( $(busy_ticks) - b0 ))"
}

echo "warming up for ${warmup}s ..." >&2
for key in public public-log-off private distinct; do run_wrk $key $((warmup / 4)) >/dev/null; done

cache_counter() { curl -s "$base/prometheus" | awk -v r="$1" '$1 ~ "^verified_token_cache_requests_total" && $1 ~ "result=\"" r "\"" {print $2}'; }

declare -A rps p50 p99 cpu_us other errors
measure() { # key (see run_wrk) -> its figures
  local key=$1 output requests
  output=$(run_wrk "$key" "$duration")
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
measure public; p1=${rps[public]} q1=${p99[public]} c1=${cpu_us[public]}
measure public-log-off; o1=${rps[public-log-off]} oq1=${p99[public-log-off]} oc1=${cpu_us[public-log-off]}
measure private
hits0=$(cache_counter hit); misses0=$(cache_counter miss)
measure distinct
hits=$(python3 -c "print(round($(cache_counter hit) - $hits0))"); misses=$(python3 -c "print(round($(cache_counter miss) - $misses0))")
measure public; measure public-log-off
rss_after_kb=$(awk '/VmRSS/{print $2}' /proc/$main_pid/status)
errors_in_log=$(grep -c -E '"level":"ERROR"| ERROR |OutOfMemoryError' "$log" || true)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The public rows: the mean of the two runs (before and after the other routes).
avg() { python3 -c "print(round(($1 + $2) / 2, 1))"; }
ms() { python3 -c "v='$1'; print(float(v[:-2]) if v.endswith('ms') else float(v[:-2]) / 1000 if v.endswith('us') else float(v[:-1]) * 1000)"; }
{
  echo "load benchmark $stamp  (wrk -t$threads -c$connections -d${duration}s after ${warmup}s warm-up; JVM: app/run, i.e. $jvm; $("$(APP_RUN_PRINT=1 app/run | head -1)" -version 2>&1 | head -1); access log $access_log; production logging)"
  echo "machine: $cores cores, load average before: $load_before, after: $load_after"
  printf '%-16s %10s %9s %9s %11s %12s  %s\n' route req/s p50 p99 "cpu us/req" "other load%" errors
  printf '%-16s %10s %9s %9s %11s %12s  %s\n' "public (1st)" "$p1" "" "$q1" "$c1" "" ""
  printf '%-16s %10s %9s %9s %11s %12s  %s\n' "public off (1st)" "$o1" "" "$oq1" "$oc1" "" ""
  for key in public public-log-off private distinct; do
    printf '%-16s %10s %9s %9s %11s %12s  %s\n' "$key" "${rps[$key]}" "${p50[$key]}" "${p99[$key]}" "${cpu_us[$key]}" "${other[$key]}" "${errors[$key]:-}"
  done
  pub=$(avg "$p1" "${rps[public]}"); off=$(avg "$o1" "${rps[public-log-off]}")
  pub_cpu=$(avg "$c1" "${cpu_us[public]}"); off_cpu=$(avg "$oc1" "${cpu_us[public-log-off]}")
  pub_p99=$(python3 -c "print(round(($(ms "$q1") + $(ms "${p99[public]}")) / 2, 2))")
  python3 - "$pub" "$off" "${rps[private]}" "${rps[distinct]}" "$pub_cpu" "$off_cpu" "${cpu_us[private]}" "${cpu_us[distinct]}" \
      "$pub_p99" "$(ms "${p99[private]}")" "$(ms "${p99[distinct]}")" "$hits" "$misses" "$p1" "${rps[public]}" <<'PY'
import sys
pub, off, priv, dist, pub_cpu, off_cpu, priv_cpu, dist_cpu, pub_p99, priv_p99, dist_p99, hits, misses, p1, p2 = map(float, sys.argv[1:])
print(f"public (mean of both runs): {pub:.0f} req/s, {pub_cpu} us/req, p99 {pub_p99} ms (drift between its runs {100 * abs(p1 - p2) / pub:.1f} %)")
print(f"access log: public {pub:.0f} req/s on vs {off:.0f} off: costs {100 * (1 - pub / off):.1f} % of throughput, {pub_cpu - off_cpu:+.1f} us/req   (target <= 10 %)")
print(f"ratio private / public              {priv / pub:.3f}   (target >= 0.85)")
print(f"p99 ratio private / public          {priv_p99 / pub_p99:.2f}    (target <= 2)")
print(f"distinct: {dist_cpu - pub_cpu:+.1f} us/req over public; p99 ratio distinct / public {dist_p99 / pub_p99:.2f} (target <= 3)")
print(f"distinct: verified-token cache {hits:.0f} hits, {misses:.0f} misses ({100 * hits / max(1, hits + misses):.1f} % hits)")
PY
  echo "launch to first 200: ${first200_ms} ms; RSS after startup: $((rss_started_kb / 1024)) MB; RSS after the load: $((rss_after_kb / 1024)) MB"
  echo "ERROR lines in the service log: $errors_in_log"
} | tee "$report"
echo "report: $report; service log: $log" >&2
