#!/usr/bin/env bash
# Builds the two base images the Dockerfile takes as build arguments (BUILD_IMAGE, RUNTIME_IMAGE) where no
# image registry can be reached: a Debian root filesystem from the machine's own package mirror (mmdebstrap)
# with this machine's JDK 25 in it, in the layout of the eclipse-temurin images (JAVA_HOME=/opt/java/openjdk,
# on PATH):
#   localhost/resource-server-base/jdk:<tag>   the JDK, for the build stage
#   localhost/resource-server-base/jre:<tag>   a JRE made from it with jlink (no compiler, no tools), for
#                                              the runtime stage, as eclipse-temurin's -jre images are
# The tag is a hash of this script, the Debian suite and the JDK's release file: images of the same tag are
# reused, so a second run costs nothing. They are a cache, like ~/.m2, together with the Debian root
# filesystem they start from (localhost/resource-server-base/debian): `podman rmi` them to free the space.
#
# Prints the two names as BUILD_IMAGE=... and RUNTIME_IMAGE=... on stdout, progress on stderr.
# Needs root, podman with runc, mmdebstrap (Debian packages) and a JDK 25 (BASE_JDK, default Temurin 25).
set -euo pipefail

jdk=${BASE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
suite=${BASE_SUITE:-bookworm}
# crun, podman's default runtime, fails on these machines ("cgroups in hybrid mode not supported").
podman=(podman --runtime runc --cgroup-manager cgroupfs)

[[ -x $jdk/bin/jlink && -r $jdk/release ]] || { echo "local-base-images.sh: no JDK with jlink at $jdk (set BASE_JDK)" >&2; exit 1; }
grep -q '^JAVA_VERSION="25' "$jdk/release" || echo "local-base-images.sh: $jdk is not JDK 25; the Dockerfile's training run expects 25" >&2

tag=$( { cat "${BASH_SOURCE[0]}"; echo "$suite"; cat "$jdk/release"; } | sha256sum | cut -c1-12)
build=localhost/resource-server-base/jdk:$tag
runtime=localhost/resource-server-base/jre:$tag
if "${podman[@]}" image exists "$build" && "${podman[@]}" image exists "$runtime"; then
  echo "local-base-images.sh: reusing $build and $runtime" >&2
  printf 'BUILD_IMAGE=%s\nRUNTIME_IMAGE=%s\n' "$build" "$runtime"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Debian's Essential set (bash, coreutils, grep, sed: what the Dockerfile's RUN steps and app/run use) plus
# passwd (groupadd, useradd); no apt, no documentation, manuals or translations. A JDK packaged for Debian
# links its trust store (lib/security/cacerts) to the system's: that file comes along at the same place,
# so that the build stage's Maven reaches Maven Central over TLS. This image is kept too, under a tag of
# its own inputs, so that another JDK does not cost another mmdebstrap run.
debootstrap_options=(--variant=essential --include=passwd
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*')
if [[ -L $jdk/lib/security/cacerts ]]; then
  cacerts=$(readlink -f "$jdk/lib/security/cacerts")
  debootstrap_options+=(--customize-hook="mkdir -p \"\$1$(dirname "$cacerts")\"" --customize-hook="copy-in $cacerts $(dirname "$cacerts")")
fi
debian=localhost/resource-server-base/debian:$( { echo "$suite"; printf '%s\n' "${debootstrap_options[@]}"; [[ -z ${cacerts-} ]] || cat "$cacerts"; } | sha256sum | cut -c1-12)
if ! "${podman[@]}" image exists "$debian"; then
  echo "local-base-images.sh: Debian $suite root filesystem (mmdebstrap)" >&2
  mmdebstrap --quiet "${debootstrap_options[@]}" --format=tar "$suite" "$work/rootfs.tar" >&2
  "${podman[@]}" import --quiet "$work/rootfs.tar" "$debian" >/dev/null
  rm -f "$work/rootfs.tar"
fi

# The JRE: every module of the JDK but the development tools, debugging agents and incubators.
echo "local-base-images.sh: JRE (jlink)" >&2
modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//' \
  | grep -Ev '^jdk\.(compiler|jshell|jlink|jpackage|javadoc|jdeps|jartool|jconsole|hotspot\.agent|jstatd|jdi|jdwp\.agent|jcmd|editpad|internal\.(le|opt|ed|md|vm\.ci)|graal\.compiler|incubator\..*)$' \
  | paste -sd, -)
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$work/jre"
# jlink writes a short release file; app/run names its startup cache after JAVA_RUNTIME_VERSION, so the JRE
# gets the JDK's, with its own module list, as Temurin's JRE images have it.
{ grep -Ev '^(MODULES|IMAGE_TYPE)=' "$jdk/release"; grep '^MODULES=' "$work/jre/release"; echo 'IMAGE_TYPE="JRE"'; } >"$work/release"
mv "$work/release" "$work/jre/release"

cat >"$work/Containerfile" <<CONTAINERFILE
FROM $debian
COPY . /opt/java/openjdk/
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
CONTAINERFILE
echo "local-base-images.sh: $build and $runtime" >&2
"${podman[@]}" build --quiet --format docker -f "$work/Containerfile" -t "$build" "$jdk" >/dev/null
"${podman[@]}" build --quiet --format docker -f "$work/Containerfile" -t "$runtime" "$work/jre" >/dev/null
printf 'BUILD_IMAGE=%s\nRUNTIME_IMAGE=%s\n' "$build" "$runtime"
