#!/usr/bin/env bash
# Builds todokit's local PostgreSQL image (default tag todokit/postgres:15-local) without Docker
# Hub: a debootstrap'd Debian bookworm with postgresql-15 (rootfs.sh), imported as a base image
# whose tag carries a hash of rootfs.sh, and the entrypoint on top (Dockerfile). The base is built
# only when that tag is missing (about a minute and a half); the top layer is a cached
# `docker build`, so a second run takes a second or two. Needs root and a running Docker engine.
#
#   .ci/postgres-image/build.sh [TAG]
set -euo pipefail
cd "$(dirname "$0")"

tag=${1:-todokit/postgres:15-local}
base="todokit/postgres-rootfs:15-$(sha256sum rootfs.sh | cut -c1-12)"

if ! docker image inspect "$base" >/dev/null 2>&1; then
  work=$(mktemp -d /var/tmp/todokit-rootfs.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  echo "postgres-image: building $base (debootstrap bookworm + postgresql-15)" >&2
  ./rootfs.sh "$work/rootfs"
  tar --numeric-owner -C "$work/rootfs" --exclude='./proc/*' --exclude='./sys/*' \
    --exclude='./dev/*' -c . |
    docker import --message 'todokit: Debian bookworm + postgresql-15 (rootfs.sh)' - "$base" >/dev/null
  rm -rf "$work"
  trap - EXIT
fi

# The classic builder: Docker Hub is never asked (FROM names a local image), and no buildx plugin
# is needed with newer docker clients.
if ! output=$(DOCKER_BUILDKIT=0 docker build --build-arg BASE="$base" -t "$tag" . 2>&1); then
  echo "$output" >&2
  exit 1
fi
# Drop tops of older builds of this tag (and older bases), so that rebuilds do not pile up.
docker image prune -f --filter label=io.todokit.image=postgres >/dev/null
for old in $(docker image ls --format '{{.Repository}}:{{.Tag}}' todokit/postgres-rootfs); do
  if [ "$old" != "$base" ]; then
    docker image rm "$old" >/dev/null 2>&1 || true # still the base of an image someone tagged
  fi
done
echo "postgres-image: $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%d MB", $1 / 1e6}'))" >&2
