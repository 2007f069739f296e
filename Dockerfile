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

# The base images are build arguments so that the image can be built where Docker Hub is out of reach,
# from local images with the same layout (JDK or JRE 25 on PATH, bash, groupadd/useradd): the container
# test builds such bases from Debian packages (app/src/test/image/local-base-images.sh). The defaults are
# the images for real registries.
ARG BUILD_IMAGE=eclipse-temurin:25-jdk-noble
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre-noble

# ================================================================================================
# Build stage: the README's package command. The code is compiled for release 17, so any JDK >= 17
# builds it; 25 on the same Ubuntu as the runtime stage shares the base layers with it.
# ================================================================================================
FROM ${BUILD_IMAGE} AS build
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
# Runtime stage: Temurin JRE 25 on Ubuntu 24.04 (noble) by default.
#  - a JRE, not a JDK: nothing in production needs a compiler;
#  - noble pinned instead of the default tag, which follows the newest Ubuntu, so an OS change is a
#    deliberate edit (for releases, pin a digest as well: eclipse-temurin:25-jre-noble@sha256:...);
#  - not alpine: no bash there, and the image has neither curl nor wget, so the HEALTHCHECK and the
#    training run below talk HTTP through bash's /dev/tcp; alpine also uses musl instead of glibc.
# ================================================================================================
FROM ${RUNTIME_IMAGE} AS runtime
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

# Startup cache (JDK 25: the AOT cache): app/image/train-startup-cache.sh starts the service once
# through app/run with the development issuer, sends the requests production sees and stops it with
# SIGTERM, on which app/run writes the cache next to the jar; then it checks that the cache maps. Bound in
# from the build context for this step only (it is not part of the image); a script file, not a RUN
# heredoc, so that builders without heredocs (podman 4.3) build this file too.
RUN --mount=type=bind,source=app/image/train-startup-cache.sh,target=/tmp/train-startup-cache.sh \
    bash /tmp/train-startup-cache.sh

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
