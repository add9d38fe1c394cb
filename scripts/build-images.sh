#!/usr/bin/env bash
# Builds the silo, Api and tools images without a container registry (docs/operations.md, Images), as root:
#   1. a minimal Debian bookworm root by debootstrap (minbase + libicu72, libssl3, ca-certificates, tzdata) from the
#      host's Debian mirror, with the non-root user app (uid/gid 1654), imported as localhost/eduinfo/debian-base;
#   2. a self-contained linux-x64 `dotnet publish` of each app on the host;
#   3. deploy/containers/offline/{silo,api,tools}.Containerfile FROM that base, the publish as the build context;
#   4. (smoke) run them: uid 1654, `eduinfo migrate` against a throwaway PostgreSQL, the silo and the Api (Cluster
#      profile, host network) until /health/live and /health/ready answer.
#   scripts/build-images.sh [base|publish|images|smoke|all]   (all: the four in order)
# Environment: EDUINFO_IMAGE_TAG (2026.12.0), EDUINFO_IMAGES_WORK (/var/tmp/eduinfo-images), DEBIAN_MIRROR (the host's
#   first deb.debian.org-style URI), BASE_IMAGE (default: the newest localhost/eduinfo/debian-base made by step 1),
#   EDUINFO_OCI_RUNTIME (runc), EDUINFO_PG_PORT (55442).
# Needs buildah, podman, debootstrap and runc (apt-get install buildah podman debootstrap runc). Not part of scripts/test.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ "$(id -u)" = 0 ] || { echo "build-images.sh: run as root (debootstrap, buildah and podman with root storage)" >&2; exit 1; }

tag="${EDUINFO_IMAGE_TAG:-2026.12.0}"
work="${EDUINFO_IMAGES_WORK:-/var/tmp/eduinfo-images}"
mirror="${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}"
mirror="${mirror:-http://deb.debian.org/debian}"
# This machine: crun refuses the hybrid cgroup v1/v2 layout ("cgroups in hybrid mode not supported"), runc accepts it;
# podman's default rlimits (nofile 1048576, nproc 4194304) are above what this process may set (no CAP_SYS_RESOURCE).
runtime="${EDUINFO_OCI_RUNTIME:-runc}"
run_flags=(--runtime "$runtime" --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)
mkdir -p "$work"

newest_base() { buildah images --format '{{.Name}}:{{.Tag}}' localhost/eduinfo/debian-base 2>/dev/null | sort -t: -k2 -r | head -1; }

step_base() {
  local rootfs="$work/rootfs"
  rm -rf "$rootfs"
  echo "debootstrap bookworm from $mirror" >&2
  debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates,tzdata bookworm "$rootfs" "$mirror" \
    >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; return 1; }
  # The non-root user of the images (the chiseled .NET images' app user: uid and gid 1654).
  groupadd --root "$rootfs" --gid 1654 app
  useradd --root "$rootfs" --uid 1654 --gid 1654 --home-dir /home/app --create-home --shell /usr/sbin/nologin app
  # What a runtime base does not need: package lists and caches, documentation.
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
    "$rootfs"/var/log/*.log "$rootfs"/var/cache/debconf/*-old
  local base
  base="localhost/eduinfo/debian-base:$(cat "$rootfs/etc/debian_version")-$(date -u +%Y%m%d)"
  tar --numeric-owner -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
  echo "$base" >"$work/base-image"
  echo "base image: $base" >&2
}

step_publish() {
  local name project
  for name in silo api tools; do
    case $name in
      silo) project=src/Silo/EduInfo.Silo.csproj ;;
      api) project=src/Api/EduInfo.Api.csproj ;;
      tools) project=src/Tools/EduInfo.Tools.csproj ;;
    esac
    rm -rf "$work/publish/$name"
    echo "publish $project" >&2
    dotnet publish "$project" -c Release -r linux-x64 --self-contained -o "$work/publish/$name" -nologo -v:q -clp:NoSummary
  done
}

step_images() {
  local base="${BASE_IMAGE:-}" name
  [ -n "$base" ] || base="$(cat "$work/base-image" 2>/dev/null || newest_base)"
  [ -n "$base" ] || { echo "no base image: run $0 base first" >&2; return 1; }
  for name in silo api tools; do
    [ -d "$work/publish/$name" ] || { echo "no publish of $name: run $0 publish first" >&2; return 1; }
    buildah bud --layers=false --build-arg "BASE_IMAGE=$base" -f "deploy/containers/offline/$name.Containerfile" \
      -t "localhost/eduinfo/$name:$tag" "$work/publish/$name"
  done
  buildah images --filter 'reference=localhost/eduinfo/*'
}

pids=()
smoke_cleanup() {
  local c
  for c in "${pids[@]}"; do podman rm -f "$c" >/dev/null 2>&1 || true; done
  pg_stop
}

step_smoke() {
  . scripts/lib/pg.sh
  local pg_port="${EDUINFO_PG_PORT:-55442}" cs i
  echo "uid in the images:" >&2
  for name in silo api tools; do
    podman run --rm "${run_flags[@]}" --entrypoint /usr/bin/id "localhost/eduinfo/$name:$tag"
  done
  PG_DATA="$work/pg"; rm -rf "$PG_DATA"; mkdir -p "$PG_DATA"
  trap smoke_cleanup EXIT
  pg_start "$pg_port"
  cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  podman run --rm "${run_flags[@]}" --network host -e "ConnectionStrings__EduInfo=$cs" "localhost/eduinfo/tools:$tag" migrate
  # The silo and the Api as in k8s/base (Cluster profile, read-only root), on the host's network on free ports.
  pids+=("$(podman run -d "${run_flags[@]}" --network host --read-only --tmpfs /tmp -e ASPNETCORE_ENVIRONMENT=Cluster \
    -e "ConnectionStrings__EduInfo=$cs" -e Cluster__SiloPort=11211 -e Cluster__GatewayPort=30100 -e Telemetry__MetricsPort=5191 \
    "localhost/eduinfo/silo:$tag" --urls "http://127.0.0.1:5181;http://127.0.0.1:5191")")
  pids+=("$(podman run -d "${run_flags[@]}" --network host --read-only --tmpfs /tmp -e ASPNETCORE_ENVIRONMENT=Cluster \
    -e Cluster__Role=Client -e "ConnectionStrings__EduInfo=$cs" -e Cluster__SiloPort=11211 -e Cluster__GatewayPort=30100 \
    -e Telemetry__MetricsPort=5190 "localhost/eduinfo/api:$tag" --urls "http://127.0.0.1:5180;http://127.0.0.1:5190")")
  for url in http://127.0.0.1:5181/health/live http://127.0.0.1:5180/health/ready; do
    for i in $(seq 1 180); do
      curl -fsS "$url" >/dev/null 2>&1 && { echo "$url answers" >&2; break; }
      [ "$i" = 180 ] && { echo "$url did not answer" >&2; for c in "${pids[@]}"; do podman logs --tail 30 "$c"; done; return 1; }
      sleep 1
    done
  done
  podman ps --format '{{.Image}} {{.Status}}'
}

case "${1:-all}" in
  base) step_base ;;
  publish) step_publish ;;
  images) step_images ;;
  smoke) step_smoke ;;
  all) step_base; step_publish; step_images; step_smoke ;;
  *) echo "usage: $0 [base|publish|images|smoke|all]" >&2; exit 2 ;;
esac
