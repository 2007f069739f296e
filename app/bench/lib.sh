# shellcheck shell=bash
# Shared by the benchmark scripts (sourced from the repository root, not run): the jar, free ports,
# waiting for the service, and app/run's startup cache.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Builds the runnable jar when a main source is newer than it.
ensure_jar() {
  local jar
  jar=$(find app/target -maxdepth 1 -name "app-*.jar" 2>/dev/null | head -1)
  if [ -z "$jar" ] || [ -n "$(find domain auth-adapter web-adapter app -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
    ./mvnw -q -B package -DskipTests
  fi
}

# await_200 <url> <pid> <seconds>: polls until the URL answers 200; fails when the process ends or
# the time is up.
await_200() {
  local url=$1 pid=$2 deadline=$((SECONDS + $3))
  until curl -fs -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.02
  done
}

# dev_token <log>: the token with read:messages from the development issuer's startup lines (the
# first private-scoped line), once they are in the log: possibly after the first 200, as the
# development key is generated in the background (at most 60 s here).
dev_token() {
  for _ in $(seq 600); do grep -q "private-scoped" "$1" && break; sleep 0.1; done
  grep -o "Bearer [A-Za-z0-9._-]*' [^ ]*/api/private-scoped" "$1" | head -1 | awk '{print $2}' | tr -d "'"
}

# True while app/run would record its startup cache rather than use one (arguments: app/run's). The
# command is read whole first: grep -q in a pipe could stop app/run mid-print.
records_cache() {
  local command
  command=$(APP_RUN_PRINT=1 app/run "$@")
  grep -q -e '^-XX:ArchiveClassesAtExit=' -e '^-XX:AOTCacheOutput=' <<<"$command"
}

# ensure_startup_cache <log> [app/run arguments]: unless APP_CACHE=off or a current cache exists, one
# run through app/run that answers each route, stopped with SIGTERM, so that app/run writes the cache
# and the measured runs start the way a second start does.
ensure_startup_cache() {
  local log=$1; shift
  [ "${APP_CACHE:-on}" != off ] && records_cache "$@" || return 0
  echo "training run for app/run's startup cache ..." >&2
  local port pid token
  port=$(free_port)
  MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 LOGGER_LEVELS_ACCESS=OFF \
    app/run "$@" >"$log" 2>&1 &
  pid=$!
  await_200 "http://127.0.0.1:$port/api/public" "$pid" 120 || { echo "the training run failed; see $log" >&2; return 1; }
  token=$(dev_token "$log")
  for route in /api/public /api/private /api/private-scoped /api/nope /health/readiness /prometheus; do
    curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port$route"
  done
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  ! records_cache "$@" || { echo "the training run wrote no startup cache; see $log" >&2; return 1; }
}

# bench_classpath: compiles the auth adapter with its test and JMH sources in this checkout's reactor
# (no install: ~/.m2 may be shared) and prints the class path that runs them.
bench_classpath() {
  ./mvnw -q -B -pl auth-adapter -am -Pjmh test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test >&2
  echo "auth-adapter/target/test-classes:auth-adapter/target/classes:$(cat auth-adapter/target/jmh.classpath)"
}
