# syntax=docker/dockerfile:1
#
# Container image of the resource server:   docker build -t resource-server .
#
# docs/deploy/README.md explains each choice and how to run the image. DockerfileTest keeps
# this file in step with the build (jar name, modules), application.yml (port), the health paths,
# the Kubernetes manifests (user), app/run and the Jib block in app/pom.xml (base image, JVM flags,
# port, user).
#
# No issuer is configured here on purpose: started without AUTH0_DOMAIN + AUTH0_AUDIENCE or
# AUTH_ISSUER + AUTH_AUDIENCE (docs/configuration.md), the container stops at once with exit code 2
# and one sentence naming what is missing.

# ================================================================================================
# Build stage: the README's package command. The code is compiled for release 17, so any JDK >= 17
# builds it; 25 on the same Ubuntu as the runtime stage shares the base layers with it.
# ================================================================================================
FROM eclipse-temurin:25-jdk-noble AS build
WORKDIR /workspace

# The wrapper and every pom first, then the dependencies: this layer is reused until a pom changes.
# dependency:go-offline resolves reactor builds (the sibling modules are skipped) and fetches most of
# what package needs (measured: 219 of 229 MB); the annotation processors and a few plugin
# dependencies it cannot see are downloaded by package below. The wrapper downloads Maven itself
# (with curl, wget or, when neither is installed, a small Java downloader).
COPY --chmod=755 mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY domain/pom.xml domain/
COPY auth-adapter/pom.xml auth-adapter/
COPY web-adapter/pom.xml web-adapter/
COPY app/pom.xml app/
RUN ./mvnw -B -ntp dependency:go-offline

# The sources, then the shaded, runnable jar (tests run in CI, not in the image build).
COPY domain/src/ domain/src/
COPY auth-adapter/src/ auth-adapter/src/
COPY web-adapter/src/ web-adapter/src/
COPY app/src/ app/src/
RUN ./mvnw -B -ntp package -DskipTests

# ================================================================================================
# Runtime stage: Temurin JRE 25 on Ubuntu 24.04 (noble).
#  - a JRE, not a JDK: nothing in production needs a compiler;
#  - noble pinned instead of the default tag, which follows the newest Ubuntu, so an OS change is a
#    deliberate edit (for releases, pin a digest as well: eclipse-temurin:25-jre-noble@sha256:...);
#  - not alpine: no bash there, and the image has neither curl nor wget, so the HEALTHCHECK and the
#    training run below talk HTTP through bash's /dev/tcp; alpine also uses musl instead of glibc.
# ================================================================================================
FROM eclipse-temurin:25-jre-noble AS runtime
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# A fixed unprivileged user; the Kubernetes manifests (runAsUser) and the Jib block use the same UID.
RUN groupadd --gid 10001 app \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin --no-log-init app

WORKDIR /app
COPY --from=build /workspace/app/target/app-0.1.0-SNAPSHOT.jar /app/app.jar
# The launcher of the README: the JVM settings (128 MiB heap, Serial GC, exit on OutOfMemoryError)
# and the startup cache. It starts app.jar next to it.
COPY --chmod=0555 app/run /app/run

# Startup cache (JDK 25: the AOT cache): start the service once through app/run with the development
# issuer (nothing leaves the build container), send the requests production sees, stop it with
# SIGTERM. app/run records the classes the JVM loaded and links, and on that normal stop writes
# them next to the jar, where every later start maps them: the first 200 with a third of the CPU
# (docs/performance.md, "Launch"). A cache is only valid for the JVM that wrote it, hence
# this step runs here, on the runtime image; app/run's fixed heap makes it fit any container limit.
# (A cache that does not fit is skipped: the service still starts, slower.)
RUN <<'TRAINING'
#!/bin/bash
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
[[ $status -eq 143 ]] || fail "expected exit code 143 after SIGTERM, got $status"
compgen -G '/app/app.*.aot' >/dev/null || fail "no cache written"

# The cache maps (-XX:AOTMode=on refuses to start otherwise), and the image's default configuration
# stops with its one sentence and exit code 2.
status=0
/app/run -XX:AOTMode=on || status=$?
[[ $status -eq 2 ]] || fail "expected exit code 2 without an issuer, got $status"

rm -rf /tmp/training.log /tmp/hsperfdata_*
chmod 0444 /app/app.jar /app/app.*.aot
TRAINING

# Everything below runs as the unprivileged user. The service writes nothing to disk; the JVM keeps
# its performance-data file in /tmp, which Kubernetes mounts as an emptyDir, so the root filesystem
# can be read-only (docker run --read-only --tmpfs /tmp).
USER 10001:10001
EXPOSE 8080

# Liveness over bash's /dev/tcp (the image has no curl or wget). Healthy only on a 200 status line.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/\"${MICRONAUT_SERVER_PORT:-8080}\" && printf 'GET /health/liveness HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && IFS= read -r -t 4 status <&3 && [[ $status == 'HTTP/1.1 200 '* ]] || exit 1"]

# app/run: a 128 MiB heap, the one the service was measured with (RSS ~190 MB under load), so it
# fits the Deployment's 256Mi limit; Serial GC for one small heap on one or two cores; out of memory:
# exit, and let the orchestrator restart. Arguments of `docker run IMAGE ...` go to java as options
# (e.g. -Xmx192m); application arguments follow a `--`.
ENTRYPOINT ["/app/run"]
