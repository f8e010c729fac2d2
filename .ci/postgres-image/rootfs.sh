#!/usr/bin/env bash
# Builds a minimal Debian bookworm root file system with PostgreSQL 15 into DIR, for
# `docker import` (see build.sh). Needs root, debootstrap and a Debian mirror; Docker Hub is not
# used. Changing this file changes the base image's tag (build.sh hashes it), so the next build
# makes a new base instead of reusing a stale one.
#
#   .ci/postgres-image/rootfs.sh DIR
set -euo pipefail

dir=${1:?usage: rootfs.sh DIR}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.debootstrap.log" 2>&1 || {
  tail -20 "$dir.debootstrap.log" >&2
  exit 1
}

# The package's own cluster and service are of no use in the image: the entrypoint runs initdb.
mkdir -p "$dir/etc/postgresql-common"
echo 'create_main_cluster = false' >"$dir/etc/postgresql-common/createcluster.conf"
printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
chmod +x "$dir/usr/sbin/policy-rc.d"
cat >"$dir/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $security bookworm-security main
SOURCES

chroot "$dir" /bin/sh -ec '
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends postgresql-15
  # JIT only: PostgreSQL runs without it (jit_provider cannot load, so JIT stays off), and the
  # two libraries are half of the image.
  dpkg --purge --force-depends libllvm14 libz3-4
  rm -f /usr/lib/postgresql/15/lib/llvmjit*.so /usr/lib/postgresql/15/lib/llvmjit_types.bc
  rm -rf /usr/lib/postgresql/15/lib/bitcode
  apt-get clean
  rm -rf /var/lib/apt/lists/* /var/cache/debconf/*-old /var/log/apt/* /var/log/dpkg.log
  rm -rf /usr/share/doc/* /usr/share/man/* /usr/share/info/* /usr/share/locale/* /usr/share/i18n
  rm -f /usr/sbin/policy-rc.d
' >"$dir.install.log" 2>&1 || {
  tail -20 "$dir.install.log" >&2
  exit 1
}
rm -f "$dir.debootstrap.log" "$dir.install.log"
