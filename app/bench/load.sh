#!/usr/bin/env bash
# Load benchmark: the routes under wrk, reported as ratios against /api/public measured in the same run
# (absolute numbers drift on a shared machine). The service starts through app/run with the production
# logging configuration and the access log on, as the README and the container image start it; a
# second instance with the access log off answers /api/public alongside, for the log's cost. Tokens
# come from a benchmark issuer: N distinct RS256 tokens minted by BenchTokens (auth-adapter's JMH
# sources), its JWKS served on loopback. See docs/performance.md.
#
# Both instances are warmed alike with every route (so both hold a full verified-token cache
# in their 128 MiB heaps), then /api/public is measured on them in turn (on, off, off, on), for the log's cost.
# Then, on the measured instance: private (one token over and over: the verified-token cache answers),
# distinct (/api/private-scoped, the N tokens round-robin: more than the cache holds, so most requests
# are a full verification), DPoP with ES256 and with RS256 proofs (/api/private, one bound token,
# `Authorization: DPoP`, a fresh proof per request: P proofs minted just before the row, which ends when
# they are used up), introspection (RFC 7662, opaque tokens answered by a stand-in endpoint on loopback:
# one token repeated, which the introspection cache answers, then N distinct ones round-robin, most of
# them a call to the endpoint), public once more (drift), and last one raw RS256 verification's CPU cost in a JVM of
# its own (DistinctTokenCpu), the floor the distinct row is judged against.
#
# Usage: app/bench/load.sh [-d seconds per route] [-w warm-up seconds] [-c connections] [-t threads] [-n tokens] [-p proofs]
#        JAVA_OPTS="-Xmx256m" app/bench/load.sh      (JVM options added to app/run's defaults)
#        PROFILE=app/target/bench/load.jfr app/bench/load.sh   (a JFR recording of the measured instance)
#        APP_CACHE=off app/bench/load.sh             (without app/run's startup cache)
#        JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 app/bench/load.sh
#        ACCESS_LOG=OFF app/bench/load.sh            (the measured instance without its access log)
#        MEMORY_LIMIT=256M app/bench/load.sh         (the measured instance in a memory cgroup with that limit, as a
#                                                     container would be: root only; its peak and OOM kills reported)
#        ROWS="public private distinct" app/bench/load.sh   (only these groups of rows; the default is all of
#                                                     public log-off private distinct dpop introspect floor)
#
# A peer measured in the same run (another service, or another build of this one): each of its rows
# (PEER_ROWS, default "public private distinct") is measured interleaved with this service's (this, peer,
# peer, this) with the same tokens and wrk settings, and reported side by side (the better of each side's
# two runs, and ratios). The peer must trust the benchmark issuer: iss https://bench.example/, aud
# https://api.example/, RS256 keys from the JWKS that this script serves on loopback.
#        PEER_CMD='java -jar /tmp/quarkus-peer/target/quarkus-app/quarkus-run.jar' PEER_LABEL=quarkus app/bench/load.sh
#            started by this script with ISSUER, AUDIENCE, JWKS_URI, PORT (and the AUTH_* and
#            MICRONAUT_SERVER_* settings the measured instance gets) in its environment; its pid is the
#            command's (so it should exec java, not fork it). This service with other settings, in the same run:
#            PEER_CMD='app/run -Dmicronaut.netty.event-loops.default.num-threads=4' PEER_LABEL=4-loops
#        PEER_JAR=/tmp/before.jar PEER_LABEL=before app/bench/load.sh
#            another jar of this service, started through app/run as the measured one is (startup cache,
#            access log as the measured one): a change measured before/after in one run
#        PEER_URL=http://127.0.0.1:38014 PEER_PID=1234 app/bench/load.sh
#            a peer already running, serving a copy of app/target/bench/tokens/jwks.json from anywhere on
#            loopback; without PEER_PID its CPU is not reported
set -euo pipefail
cd "$(dirname "$0")/../.."
. app/bench/lib.sh

duration=20 warmup=36 connections=64 threads=2 distinct=30000 proofs=10000
while getopts "d:w:c:t:n:p:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; c) connections=$OPTARG ;; t) threads=$OPTARG ;; n) distinct=$OPTARG ;;
    p) proofs=$OPTARG ;;
    *) echo "usage: $0 [-d seconds] [-w warm-up seconds] [-c connections] [-t threads] [-n tokens] [-p proofs]" >&2; exit 2 ;;
  esac
done
read -r -a java_opts <<<"${JAVA_OPTS:-}"
. app/bench/memory-limit.sh
access_log=${ACCESS_LOG:-INFO}
rows_wanted=" ${ROWS:-public log-off private distinct dpop introspect floor} "
wants() { [[ $rows_wanted == *" $1 "* ]]; }
peer='' peer_label=${PEER_LABEL:-peer} peer_url='' peer_pid='' peer_rows=" ${PEER_ROWS:-public private distinct} "
[ -z "${PEER_CMD:-}${PEER_JAR:-}${PEER_URL:-}" ] || peer=1
peer_has() { [ -n "$peer" ] && [[ $peer_rows == *" $1 "* ]]; }

command -v wrk >/dev/null || {
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
  else echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1; fi
}

ensure_jar
out=app/target/bench; mkdir -p "$out"

# The benchmark issuer's tokens: valid four hours, minted again when older than two or too few.
issuer=https://bench.example/ audience=https://api.example/ tokens_dir=$out/tokens
cp=$(bench_classpath)
java_bench() { ${JAVA_HOME:+$JAVA_HOME/bin/}java -cp "$cp" "$@"; }
if [ ! -s "$tokens_dir/tokens.txt" ] || [ ! -s "$tokens_dir/issuer-key.json" ] || [ -n "$(find "$tokens_dir/tokens.txt" -mmin +120)" ] \
    || [ "$(wc -l <"$tokens_dir/tokens.txt")" -lt "$distinct" ]; then
  echo "minting $distinct tokens ..." >&2
  java_bench com.example.resourceserver.auth.bench.BenchTokens "$tokens_dir" "$distinct" "$issuer" "$audience" 14400
fi
head -n "$distinct" "$tokens_dir/tokens.txt" >"$out/tokens-used.txt"
token=$(head -1 "$out/tokens-used.txt")

# app/run's startup cache (the default, as in the container image): recorded by a training run first,
# so that the measured run starts as every start after the first does. APP_CACHE=off to compare.
ensure_startup_cache "$out/cache-training.log" "${java_opts[@]}"
[ -z "${PEER_JAR:-}" ] || APP_JAR=$(readlink -f "$PEER_JAR") ensure_startup_cache "$out/cache-training-peer.log" "${java_opts[@]}"
jvm=$(APP_RUN_PRINT=1 app/run "${java_opts[@]}" | sed -n '2,/^-jar$/p' | grep -v '^-jar$' | tr '\n' ' ')
stamp=$(date +%Y%m%d-%H%M%S); report="$out/load-$stamp.txt"

jwks_port=$(free_port)
python3 -m http.server "$jwks_port" --bind 127.0.0.1 --directory "$tokens_dir" >/dev/null 2>&1 &
jwks_pid=$!
pids=($jwks_pid)
# A stand-in introspection endpoint (RFC 7662) on loopback: every token it is asked about is active.
introspection_port=$(free_port)
python3 - "$introspection_port" "$issuer" "$audience" >/dev/null 2>&1 <<'PY' &
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, issuer, audience = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class Introspection(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps({"active": True, "sub": "bench-opaque-user", "scope": "openid profile read:messages",
                           "exp": int(time.time()) + 3600, "iss": issuer, "aud": audience}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", port), Introspection).serve_forever()
PY
pids+=($!)
# Opaque tokens for the introspection rows: one repeated (the introspection cache answers), and N distinct.
seq -f "bench-opaque-%08g" 1 "$distinct" >"$out/opaque-tokens.txt"
trap 'kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null || true; remove_memory_cgroup' EXIT

# start <access log level> <log file> [java options]: one instance through app/run, trusting the benchmark issuer. app/run
# replaces itself with java when it does not record a cache, so the pid is the JVM's. Sets port, pid.
start() {
  port=$(free_port)
  AUTH_ISSUER=$issuer AUTH_AUDIENCE=$audience AUTH_JWKS_URI="http://127.0.0.1:$jwks_port/jwks.json" \
    AUTH_INTROSPECTION_URI="http://127.0.0.1:$introspection_port/introspect" \
    AUTH_INTROSPECTION_CLIENT_ID=bench AUTH_INTROSPECTION_CLIENT_SECRET=bench-secret \
    MICRONAUT_SERVER_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 LOGGER_LEVELS_ACCESS=$1 APP_JAR=${app_jar:-} \
    "${next_wrapper[@]}" app/run "${java_opts[@]}" "${@:3}" >"$2" 2>&1 &
  pid=$!
  pids+=($pid)
}
log="$out/service-$stamp.log"
launch=$(date +%s%N)
profile=()
[ -z "${PROFILE:-}" ] || profile=("-XX:StartFlightRecording=filename=$PROFILE,settings=profile")
limit_memory_of_next_start
start "$access_log" "$log" "${profile[@]}"; base="http://127.0.0.1:$port"; main_pid=$pid
next_wrapper=()
await_200 "$base/api/public" $main_pid 120 || { echo "the service died or did not answer; see $log" >&2; exit 1; }
first200_ms=$(( ($(date +%s%N) - launch) / 1000000 ))
rss_started_kb=$(awk '/VmRSS/{print $2}' /proc/$main_pid/status)
base_off='' off_pid=''
if wants log-off; then
  start OFF "$out/service-$stamp-log-off.log"; base_off="http://127.0.0.1:$port"; off_pid=$pid
  await_200 "$base_off/api/public" $off_pid 120 || { echo "the log-off instance did not answer" >&2; exit 1; }
fi

# The peer (see the usage above): started here, or already running.
peer_log="$out/service-$stamp-$peer_label.log"
if [ -n "${PEER_JAR:-}" ]; then
  app_jar=$(readlink -f "$PEER_JAR") start "$access_log" "$peer_log"
  peer_url="http://127.0.0.1:$port" peer_pid=$pid
elif [ -n "${PEER_CMD:-}" ]; then
  port=$(free_port) jwks_uri="http://127.0.0.1:$jwks_port/jwks.json"
  ISSUER=$issuer AUDIENCE=$audience JWKS_URI=$jwks_uri PORT=$port \
    AUTH_ISSUER=$issuer AUTH_AUDIENCE=$audience AUTH_JWKS_URI=$jwks_uri \
    AUTH_INTROSPECTION_URI="http://127.0.0.1:$introspection_port/introspect" \
    AUTH_INTROSPECTION_CLIENT_ID=bench AUTH_INTROSPECTION_CLIENT_SECRET=bench-secret \
    MICRONAUT_SERVER_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 \
    bash -c "exec $PEER_CMD" >"$peer_log" 2>&1 &
  peer_url="http://127.0.0.1:$port" peer_pid=$!
  pids+=($peer_pid)
elif [ -n "$peer" ]; then
  peer_url=${PEER_URL%/} peer_pid=${PEER_PID:-}
fi
if [ -n "$peer" ]; then
  for _ in $(seq 1200); do
    curl -fs -o /dev/null "$peer_url/api/public" && break
    [ -z "$peer_pid" ] || kill -0 "$peer_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$peer_url/api/private-scoped")" = 200 ] \
    || { echo "the peer ($peer_url) does not accept the benchmark token; see $peer_log" >&2; exit 1; }
fi

[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/private-scoped")" = 200 ] \
  || { echo "the benchmark token is not accepted; see $log" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }           # utime + stime of a process
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; } # whole machine, all cores
idle_ticks() { awk '/^cpu /{print $5+$6}' /proc/stat; }             # whole machine: idle and I/O wait
hz=$(getconf CLK_TCK); cores=$(nproc)

run_wrk() { # [peer-]key[-log-off] seconds -> wrk output, with the server's CPU ticks and the machine's busy ticks around it
  local key=$1 seconds=$2 args=() target=$main_pid b=$base
  if [[ $key == *-log-off ]]; then key=${key%-log-off} target=$off_pid b=$base_off; fi
  if [[ $key == peer-* ]]; then key=${key#peer-} target=$peer_pid b=$peer_url; fi
  case $key in
    public) args=("$b/api/public") ;;
    private) args=(-H "Authorization: Bearer $token" "$b/api/private") ;;
    distinct) args=(-s app/bench/distinct.lua "$b/api/private-scoped" -- "$out/tokens-used.txt") ;;
    introspect-hit) args=(-H "Authorization: Bearer bench-opaque-hit" "$b/api/private") ;;
    introspect-miss) args=(-s app/bench/distinct.lua "$b/api/private" -- "$out/opaque-tokens.txt") ;;
    dpop-es256 | dpop-rs256)
      args=(-s app/bench/dpop.lua "$b/api/private" -- "$tokens_dir/$key-token.txt" "$out/$key-proofs.txt" "$threads") ;;
  esac
  local s0=0 b0 i0; [ -z "$target" ] || s0=$(cpu_ticks $target); b0=$(busy_ticks); i0=$(idle_ticks)
  /usr/bin/time -f "wrk-cpu %U %S" wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "${args[@]}" 2>&1
  if [ -n "$target" ]; then
    echo "server-ticks $(( $(cpu_ticks $target) - s0 )) busy-ticks $(( $(busy_ticks) - b0 )) idle-ticks $(( $(idle_ticks) - i0 ))"
  else
    echo "server-ticks nan busy-ticks $(( $(busy_ticks) - b0 )) idle-ticks $(( $(idle_ticks) - i0 ))"  # a peer without a known pid
  fi
}

# mint_proofs <alg> <count> [base URL]: a DPoP-bound token and fresh proofs for that instance's /api/private
# (proofs are accepted for 60 s after their iat, so they are made right before they are used).
mint_proofs() {
  local key="dpop-${1,,}"
  java_bench com.example.resourceserver.auth.bench.BenchDpop "$tokens_dir" "$1" "$2" "${3:-$base}/api/private" "$issuer" "$audience"
  cp "$tokens_dir/$key-proofs.txt" "$out/$key-proofs.txt"
}

echo "warming up the instances alike ..." >&2
for key in public private distinct; do
  run_wrk $key $((warmup / 3)) >/dev/null
  ! wants log-off || run_wrk $key-log-off $((warmup / 3)) >/dev/null
  ! peer_has $key || run_wrk peer-$key $((warmup / 3)) >/dev/null
done
if wants dpop; then
  for alg in ES256 RS256; do
    mint_proofs $alg 2000 && run_wrk "dpop-${alg,,}" $((warmup / 3)) >/dev/null
    ! wants log-off || { mint_proofs $alg 2000 "$base_off" && run_wrk "dpop-${alg,,}-log-off" $((warmup / 3)) >/dev/null; }
  done
fi
if wants introspect; then
  for key in introspect-hit introspect-miss; do
    run_wrk $key $((warmup / 6)) >/dev/null
    ! wants log-off || run_wrk $key-log-off $((warmup / 6)) >/dev/null
  done
fi

cache_counter() { curl -s "$base/prometheus" | awk -v r="$1" '$1 ~ "^verified_token_cache_requests_total" && $1 ~ "result=\"" r "\"" {print $2}'; }

declare -A rps p50 p99 cpu_us cores_used other idle errors
measured=()
measure() { # key [label] (see run_wrk) -> its figures, under the label (default: the key)
  local key=$1 label=${2:-$1} output requests seconds=$duration
  output=$(run_wrk "$key" "$duration")
  rps[$label]=$(awk '/^Requests\/sec/{print $2}' <<<"$output")
  p50[$label]=$(awk '$1=="50%"{print $2}' <<<"$output")
  p99[$label]=$(awk '$1=="99%"{print $2}' <<<"$output")
  requests=$(awk '/requests in/{print $1}' <<<"$output")
  seconds=$(awk '/requests in/{sub(/,$/, "", $4); v=$4; if (v ~ /ms$/) print v / 1000; else if (v ~ /m$/) print v * 60; else print v + 0}' <<<"$output")
  errors[$label]=$(awk '/Non-2xx|Socket errors/{print}' <<<"$output" | tr '\n' ' ')
  local server_ticks busy wrk_seconds
  server_ticks=$(awk '/server-ticks/{print $2}' <<<"$output"); busy=$(awk '/server-ticks/{print $4}' <<<"$output")
  wrk_seconds=$(awk '/wrk-cpu/{print $2 + $3}' <<<"$output")
  measured+=("$label")
  # The machine's idle time meanwhile: under saturation, CPU that nobody (server, wrk, others) could use.
  idle[$label]=$(python3 -c "print(round(100 * $(awk '/server-ticks/{print $6}' <<<"$output") / $hz / ($cores * $seconds), 1))")
  if [ "$server_ticks" = nan ]; then
    cpu_us[$label]=nan cores_used[$label]=nan other[$label]=nan
    return
  fi
  cpu_us[$label]=$(python3 -c "print(round($server_ticks / $hz * 1e6 / $requests, 1))")
  # The server's cores in use: its CPU seconds per second of the row (2.0 = both cores of this machine).
  cores_used[$label]=$(python3 -c "print(round($server_ticks / $hz / $seconds, 2))")
  # Everything else that ran meanwhile, as a share of the machine: a noisy run shows here.
  other[$label]=$(python3 -c "print(max(0, round(100 * ($busy / $hz - $server_ticks / $hz - $wrk_seconds) / ($cores * $seconds), 1)))")
}
# measure_with_peer key: this service's row and, when the peer has it, the peer's, interleaved (this, peer,
# peer, this) so that a drift in time falls on both alike: labels key, peer-key-1, peer-key-2, key-2.
measure_with_peer() {
  local key=$1
  measure "$key"
  peer_has "$key" || return 0
  measure "peer-$key" "peer-$key-1"; measure "peer-$key" "peer-$key-2"; measure "$key" "$key-2"
}

# Settling: in three runs the first measured row ran 10-50 % slower than the same route later (the warm-up's
# last rows leave garbage and compilations behind), which fell on the access log's first pair only. Both
# instances answer /api/public once more, unmeasured, before the pairs.
run_wrk public $((warmup / 6)) >/dev/null
! wants log-off || run_wrk public-log-off $((warmup / 6)) >/dev/null
! peer_has public || run_wrk peer-public $((warmup / 6)) >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# The access log's price: the two instances in turn (on, off, off, on, so that a drift in time falls on
# both alike), with the same history behind them; the peer's two public runs between them.
if wants public; then
  measure public public-1
  ! peer_has public || measure peer-public peer-public-1
  ! wants log-off || { measure public-log-off public-log-off-1; measure public-log-off public-log-off-2; }
  ! peer_has public || measure peer-public peer-public-2
  measure public public-2
fi
! wants private || measure_with_peer private
hits0=$(cache_counter hit); misses0=$(cache_counter miss)
! wants distinct || measure_with_peer distinct
hits=$(python3 -c "print(round($(cache_counter hit) - $hits0))"); misses=$(python3 -c "print(round($(cache_counter miss) - $misses0))")
if wants dpop; then
  for alg in ES256 RS256; do mint_proofs $alg "$proofs" && measure "dpop-${alg,,}"; done
fi
! wants introspect || { measure introspect-hit; measure introspect-miss; }
! wants public || measure public public-3
rss_after_kb=$(awk '/VmRSS/{print $2}' /proc/$main_pid/status)
memory_report=$(memory_limit_report)
errors_in_log=$(grep -c -E '"level":"ERROR"| ERROR |OutOfMemoryError' "$log" || true)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
kill "${pids[@]:1}" 2>/dev/null || true   # the services: the floor below is measured on a machine without them
raw_rsa=nan
if wants floor; then
  echo "pricing one raw RS256 verification (DistinctTokenCpu) ..." >&2
  floor_output=$(java_bench com.example.resourceserver.auth.bench.DistinctTokenCpu 4 5000 | grep -v INFO)
  raw_rsa=$(awk '$1=="rawRsaVerify"{print $2}' <<<"$floor_output")
fi

ms() { python3 -c "v='$1'; print(float(v[:-2]) if v.endswith('ms') else float(v[:-2]) / 1000 if v.endswith('us') else float(v[:-1]) * 1000)"; }
{
  echo "load benchmark $stamp  (wrk -t$threads -c$connections -d${duration}s after 2 x ${warmup}s warm-up; JVM: app/run, i.e. $jvm; $("$(APP_RUN_PRINT=1 app/run | head -1)" -version 2>&1 | head -1); measured instance: access log $access_log; production logging)"
  echo "machine: $cores cores, load average before: $load_before, after: $load_after"
  [ -z "$peer" ] || echo "peer: $peer_label at $peer_url${peer_pid:+ (pid $peer_pid)}${PEER_CMD:+: $PEER_CMD}${PEER_JAR:+: $PEER_JAR}"
  printf '%-22s %10s %9s %9s %11s %6s %12s %6s  %s\n' route req/s p50 p99 "cpu us/req" cores "other load%" idle% errors
  for key in "${measured[@]}"; do
    printf '%-22s %10s %9s %9s %11s %6s %12s %6s  %s\n' "$key" "${rps[$key]}" "${p50[$key]}" "${p99[$key]}" "${cpu_us[$key]}" \
      "${cores_used[$key]}" "${other[$key]}" "${idle[$key]}" "${errors[$key]:-}"
  done
  args=()
  for key in "${measured[@]}"; do
    args+=("$key" "${rps[$key]}" "${cpu_us[$key]}" "$(ms "${p99[$key]}")" "${cores_used[$key]}")
  done
  python3 - "$hits" "$misses" "$raw_rsa" "$peer_label" "${args[@]}" <<'PY'
import math, sys
hits, misses, raw_rsa, peer = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rows, rest = {}, sys.argv[5:]
for i in range(0, len(rest), 5):
    rows[rest[i]] = tuple(map(float, rest[i + 1:i + 5]))
mean = lambda keys, j: sum(rows[k][j] for k in keys) / len(keys)
on, off = ["public-1", "public-2"], ["public-log-off-1", "public-log-off-2"]
if all(k in rows for k in on):
    pub_rps, pub_cpu, pub_p99 = mean(on, 0), mean(on, 1), mean(on, 2)
    drift = f"; drift to the run after the other rows: {100 * (rows['public-3'][0] - pub_rps) / pub_rps:+.1f} %" if "public-3" in rows else ""
    print(f"public (access log on; mean of its two alternated runs): {pub_rps:.0f} req/s, {pub_cpu:.1f} us/req, p99 {pub_p99:.2f} ms{drift}")
    if all(k in rows for k in off):
        off_rps, off_cpu = mean(off, 0), mean(off, 1)
        print(f"access log: public {pub_rps:.0f} req/s on vs {off_rps:.0f} off: costs {100 * (1 - pub_rps / off_rps):.1f} % of throughput,"
              f" {pub_cpu - off_cpu:+.1f} us/req   (target <= 10 %; the pairs alone: "
              + ", ".join(f"{100 * (1 - rows[a][0] / rows[b][0]):.1f} %" for a, b in zip(on, off)) + ")")
    if "private" in rows:
        print(f"private / public throughput       {rows['private'][0] / pub_rps:.3f}   (target >= 0.85); p99 ratio {rows['private'][2] / pub_p99:.2f} (target <= 2)")
    if not math.isnan(raw_rsa):
        print(f"one raw RS256 verification: {raw_rsa} us of CPU (DistinctTokenCpu, same run)")
    if "distinct" in rows:
        d_cpu = rows['distinct'][1] - pub_cpu
        print(f"distinct: {d_cpu:+.1f} us/req over public = {d_cpu / raw_rsa:.2f} x raw RS256 (target <= 1.3);"
              f" p99 ratio distinct / public {rows['distinct'][2] / pub_p99:.2f} (target <= 3)")
        print(f"distinct: verified-token cache {hits:.0f} hits, {misses:.0f} misses ({100 * hits / max(1, hits + misses):.1f} % hits)")
    for key in ("dpop-es256", "dpop-rs256", "introspect-hit", "introspect-miss"):
        if key in rows:
            print(f"{key}: {rows[key][1] - pub_cpu:+.1f} us/req over public = {(rows[key][1] - pub_cpu) / raw_rsa:.2f} x raw RS256;"
                  f" p99 ratio {rows[key][2] / pub_p99:.2f}")
# Side by side with the peer: the better of each side's two interleaved runs (by req/s); ratios this / peer.
pairs = []
for r in ("public", "private", "distinct"):
    ours = [k for k in (r, f"{r}-1", f"{r}-2") if k in rows]
    theirs = [k for k in (f"peer-{r}-1", f"peer-{r}-2") if k in rows]
    if ours and theirs:
        pairs.append((r, ours, theirs))
if pairs:
    best = lambda keys: rows[max(keys, key=lambda k: rows[k][0])]
    print(f"same run, side by side (the better of each side's runs by req/s; x = this service / {peer}):")
    print(f"{'route':9} {'req/s':>7} {'us/req':>7} {'cores':>5} {'p99 ms':>7} | {peer[:12] + ' req/s':>18} {'us/req':>7} {'cores':>5} {'p99 ms':>7}"
          f" | {'req/s x':>7} {'us/req x':>8} {'p99 x':>6}")
    for r, ours, theirs in pairs:
        a, b = best(ours), best(theirs)
        print(f"{r:9} {a[0]:7.0f} {a[1]:7.1f} {a[3]:5.2f} {a[2]:7.2f} | {b[0]:18.0f} {b[1]:7.1f} {b[3]:5.2f} {b[2]:7.2f}"
              f" | {a[0] / b[0]:7.2f} {a[1] / b[1]:8.2f} {a[2] / b[2]:6.2f}")
PY
  echo "launch to first 200: ${first200_ms} ms; RSS after startup: $((rss_started_kb / 1024)) MB; RSS after the load: $((rss_after_kb / 1024)) MB"
  [ -z "$memory_report" ] || echo "$memory_report"
  echo "ERROR lines in the service log: $errors_in_log"
} | tee "$report"
echo "report: $report; service log: $log" >&2
