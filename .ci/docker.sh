#!/usr/bin/env bash
# CI: the schema and DAO tests on Testcontainers, in auto mode (no provider forced), with a
# PostgreSQL image built here (Docker Hub is not reachable from CI).
#
# Installs docker.io and debootstrap when missing, starts a Docker engine unless one answers,
# builds todokit/postgres:15-local unless it is there (.ci/postgres-image/build.sh), runs the
# tests with TODO_PG_IMAGE set and Ryuk disabled (its image cannot be pulled either, so todokit's
# own shutdown hooks must remove the containers), checks that Testcontainers was chosen and that
# no container is left, and stops the engine it started. Idempotent: a second run reuses the
# image. Needs root; runs unattended (CI=true, no stdin).
#
#   .ci/docker.sh            all of it (.ci/run calls it after the build)
#   .ci/docker.sh prepare    only the packages and the image (.ci/run runs this in the background
#                            during the build). An engine it starts listens on a socket of its
#                            own, never the default one, so that the build's tests, which pick
#                            Testcontainers whenever an engine answers, cannot see it; it is
#                            stopped when the image is built.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-all}
case "$mode" in
  all | prepare) ;;
  *)
    echo "usage: .ci/docker.sh [prepare]" >&2
    exit 2
    ;;
esac

image=${TODOKIT_CI_IMAGE:-todokit/postgres:15-local}
work=$(mktemp -d /tmp/todokit-ci-docker.XXXXXX)
say() { echo "ci-docker: $*" >&2; }

timings=()
step_started=$SECONDS
finish_step() {
  timings+=("$1 $((SECONDS - step_started)) s")
  step_started=$SECONDS
}

# A JDK >= 21 (.ci/run exports one; alone, this takes JAVA_HOME or the newest under /usr/lib/jvm).
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  JAVA_HOME=$(for jdk in /usr/lib/jvm/*; do
    [ -x "$jdk/bin/javac" ] && echo "$(java_major "$jdk") $jdk"
  done | sort -n | awk '$1 >= 21 { jdk = $2 } END { print jdk }')
  if [ -z "$JAVA_HOME" ]; then
    say "no JDK 21 or newer found (set JAVA_HOME)"
    exit 1
  fi
fi
export JAVA_HOME

if [ "$(id -u)" != 0 ]; then
  say "needs root (to install packages, run dockerd and debootstrap)"
  exit 1
fi

# Testcontainers writes ~/.testcontainers.properties after it finds an engine; put it back as it
# was, so that the machine is left as it was found.
tc_properties="${HOME:-/root}/.testcontainers.properties"
tc_properties_backup=
if [ -e "$tc_properties" ]; then
  tc_properties_backup="$work/testcontainers.properties"
  cp -p "$tc_properties" "$tc_properties_backup"
fi

engine_pid=
cleanup() {
  local status=$?
  if [ -n "$engine_pid" ]; then
    say "stopping the Docker engine (pid $engine_pid)"
    kill "$engine_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$engine_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$engine_pid" 2>/dev/null; then
      say "the engine did not stop in 20 s; killing it"
      kill -9 "$engine_pid" 2>/dev/null || true
      status=1
    fi
  fi
  if [ -n "$tc_properties_backup" ]; then
    cp -p "$tc_properties_backup" "$tc_properties"
  else
    rm -f "$tc_properties"
  fi
  rm -rf "$work"
  if [ "${#timings[@]}" -gt 0 ]; then
    say "timings: $(IFS=,; echo "${timings[*]}" | sed 's/,/, /g')"
  fi
  exit "$status"
}
trap cleanup EXIT

# 1. Packages.
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  # policy-rc.d 101: the package must not start its own engine; this script starts one.
  policy=/usr/sbin/policy-rc.d
  created_policy=no
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=yes
  fi
  apt-get update -q </dev/null >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    </dev/null >>"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
  if [ "$created_policy" = yes ]; then rm -f "$policy"; fi
fi
finish_step packages

# 2. The engine: one that answers already is used and left running; otherwise start one.
engine_args=()
if [ "$mode" = prepare ] && ! docker info >/dev/null 2>&1; then
  export DOCKER_HOST="unix://$work/docker.sock"
  engine_args=(-H "$DOCKER_HOST" --pidfile "$work/docker.pid")
fi
start_engine() { # storage driver
  dockerd --iptables=false --storage-driver="$1" "${engine_args[@]}" >"$work/dockerd.log" 2>&1 </dev/null &
  engine_pid=$!
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$engine_pid" 2>/dev/null; then
      break
    fi
    sleep 0.5
  done
  kill "$engine_pid" 2>/dev/null || true
  wait "$engine_pid" 2>/dev/null || true
  engine_pid=
  return 1
}
if docker info >/dev/null 2>&1; then
  say "a Docker engine answers already: using it, and leaving it running"
else
  if ! start_engine overlay2; then
    say "dockerd with overlay2 did not start ($(tail -1 "$work/dockerd.log")); trying vfs"
    if ! start_engine vfs; then
      tail -20 "$work/dockerd.log" >&2
      say "dockerd did not start"
      exit 1
    fi
  fi
  say "started dockerd (pid $engine_pid, $(docker info -f '{{.Driver}}'))"
fi
finish_step engine

# 3. The image (cached: a second run takes a second or two), and its server is PostgreSQL 15: the
#    oldest version todokit supports, which is what this step's tests run on.
.ci/postgres-image/build.sh "$image"
server_version=$(docker run --rm --entrypoint /usr/lib/postgresql/15/bin/postgres "$image" --version)
case "$server_version" in
  *"PostgreSQL) 15."*) say "the image's server: $server_version" ;;
  *)
    say "the image's server is not PostgreSQL 15: $server_version"
    exit 1
    ;;
esac
finish_step image

if [ "$mode" = prepare ]; then
  say "prepared: the packages and $image"
  exit 0 # cleanup stops an engine this started
fi

# 4. The tests, in auto mode: nothing forced, no URL (a developer's shell may export one).
containers_before=$(docker ps -aq --filter label=io.todokit.testing | sort)
say "running the schema and DAO tests with TODO_PG_IMAGE=$image"
set +e
env -u TODO_PG_URL -u TODO_PG_PROVIDER -u TODO_PG_USER -u TODO_PG_PASSWORD \
  TODO_PG_IMAGE="$image" TESTCONTAINERS_RYUK_DISABLED=true \
  ./mvnw -B -ntp -o package -pl todo-schema,todo-dao -am -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='io.todokit.schema.**,io.todokit.dao.**' </dev/null 2>&1 | tee "$work/build.log"
build_status=${PIPESTATUS[0]}
set -e
finish_step tests
if [ "$build_status" != 0 ]; then
  say "the build failed (exit $build_status)"
  exit "$build_status"
fi

# 5. Testcontainers was chosen: the build's own line (code generation runs in Maven's JVM) and
#    every test JVM's line, and no fallback to embedded anywhere.
lines="$work/provisioning.txt"
{
  grep -h 'todokit: using' "$work/build.log" || true
  for report in todo-schema/target/surefire-reports todo-dao/target/surefire-reports; do
    [ -d "$report" ] && grep -h 'todokit: using' "$report"/*-output.txt 2>/dev/null || true
  done
} >"$lines"
if ! grep -q 'INFO .*todokit: using Testcontainers PostgreSQL .*no TODO_PG_URL, a Docker engine answers' "$lines"; then
  say "no 'todokit: using Testcontainers' line in the build; the lines were:"
  cat "$lines" >&2
  exit 1
fi
if grep -v 'todokit: using Testcontainers PostgreSQL' "$lines" | grep -q .; then
  say "some JVMs did not use Testcontainers:"
  grep -v 'todokit: using Testcontainers PostgreSQL' "$lines" >&2
  exit 1
fi
say "Testcontainers was chosen by $(wc -l <"$lines") JVMs, e.g.: $(head -1 "$lines" | sed 's/^.*todokit: //')"
# Their loggers are off while todokit provisions (todo.pg.docker-log=quiet).
chatter='(TRACE|DEBUG|INFO|WARN|ERROR) +(org\.testcontainers|tc\.|com\.github\.dockerjava)'
if grep -Eq "$chatter" "$work/build.log"; then
  say "Testcontainers' or docker-java's loggers reached the build log:"
  grep -E "$chatter" "$work/build.log" | head -20 >&2
  exit 1
fi

# 6. Nothing left behind: todokit removes its containers itself, Ryuk is disabled.
if [ -n "$engine_pid" ]; then
  left=$(docker ps -aq)
else
  left=$(comm -13 <(echo "$containers_before") <(docker ps -aq --filter label=io.todokit.testing | sort))
fi
if [ -n "$left" ]; then
  say "containers left after the build:"
  docker ps -a >&2
  exit 1
fi
say "no container left"
finish_step checks
