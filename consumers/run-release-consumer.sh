#!/usr/bin/env bash
# Publishes todokit the way a release does and uses it the way a service does: deploys the reactor
# to a temporary file repository, then builds consumers/service (its own pom, no parent, not in
# todokit's reactor) against that repository and Maven Central only.
#
#   consumers/run-release-consumer.sh [maven args…]          e.g. -Dtodo.pg.provider=embedded
#   JUNIT_VERSIONS="5.10.5 6.1.3" consumers/run-release-consumer.sh
#   KEEP=1 consumers/run-release-consumer.sh                 keep the work directory
#
# Steps, one summary line each; exits 1 if any fails:
#   deploy     ./mvnw clean deploy -Prelease -DskipTests to file://WORK/repository (clean: stale
#              output in target/, such as a renamed migration, must not ship; no install: the
#              local repository is not touched), then checks that every module the BOM lists is
#              there with its jar, sources and javadoc, that the BOM lists every deployed module,
#              and that the parent pom and the CLI's executable jar (classifier "all") are there.
#   junit V    the service's tests (@TodoDatabaseTest with the service's own Flyway migrations
#              beside todokit's) on JUnit Jupiter V, for each of JUNIT_VERSIONS; the test output
#              must show the "todokit: using …" line although the service has no SLF4J binding.
#   main       the service's main class (its Flyway, then todokit's, then TodoDb) on a throwaway
#              PostgreSQL, with `java -cp`.
#   cli        java -jar todo-cli-VERSION-all.jar --version, then `info` on that same database.
#
# Why the consumer builds cannot see a todokit from anywhere else: they run with a local
# repository of their own, WORK/local, in which io/todokit starts empty. Everything else in it is
# a symbolic link into ~/.m2/repository (one per top-level group, one per io/* group but
# io/todokit), so third-party artifacts come from the cache already there (or from Maven Central
# into it) and nothing is copied. Moving ~/.m2/repository/io/todokit aside instead would break
# any other build that runs at the same time, and would lose it if this script were killed; a
# separate local repository needs no restore. The consumer's pom names the deployed repository
# in <repositories> (its URL is -Dtodokit.repository.url), beside Maven Central.
#
# Maven arguments pass through to every Maven run. Logs are in WORK (printed at the end), which is
# removed on success unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."

junit_versions=${JUNIT_VERSIONS:-"5.10.5 5.14.1 6.1.3"}
# The release version: the BOM's own <version> (it has no parent).
version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' todo-bom/pom.xml | head -n 1)
m2=${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}
work=$(mktemp -d "${TMPDIR:-/tmp}/todokit-release.XXXXXX")
repo=$work/repository
local=$work/local
service=consumers/service
# The JDK that runs Maven runs the main and the CLI too (the java on the PATH may be older).
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

failed=0
summary=()
report() { # report NAME RESULT DETAIL SECONDS
  [ "$2" = PASS ] || failed=1
  summary+=("$1: $2; $3; $4s")
}
finish() {
  echo "release: logs in $work"
  printf 'release: %s\n' "${summary[@]}"
  if [ "$failed" = 0 ] && [ -z "${KEEP:-}" ]; then
    rm -rf "$work"
  fi
  exit "$failed"
}
# The last lines of a failed step's log, on stderr.
show_errors() {
  grep -E '^\[ERROR\]' "$1" | head -n 30 >&2 || tail -n 30 "$1" >&2
}

# 1. Deploy the reactor to the file repository.
start=$SECONDS
echo "release: deploying todokit $version to file://$repo (log in $work/deploy.log)"
if ./mvnw -B -ntp clean deploy -Prelease -DskipTests -Dmaven.install.skip=true \
  -DaltDeploymentRepository="todokit-release::file://$repo" "$@" >"$work/deploy.log" 2>&1; then
  result=PASS
  detail=""
else
  result=FAIL
  detail="./mvnw deploy failed"
  show_errors "$work/deploy.log"
fi
if [ "$result" = PASS ]; then
  published=$(sed -n 's|^ *<artifactId>\(.*\)</artifactId>$|\1|p' todo-bom/pom.xml | grep -vx todo-bom)
  missing=()
  for artifact in $published; do
    for suffix in .pom .jar -sources.jar -javadoc.jar; do
      file="$repo/io/todokit/$artifact/$version/$artifact-$version$suffix"
      [ -s "$file" ] || missing+=("${file#"$repo/"}")
    done
  done
  for file in todo-bom/$version/todo-bom-$version.pom \
    todokit-parent/$version/todokit-parent-$version.pom \
    todo-cli/$version/todo-cli-$version-all.jar; do
    [ -s "$repo/io/todokit/$file" ] || missing+=("io/todokit/$file")
  done
  # Every deployed module is one a service can import through the BOM.
  unlisted=()
  for dir in "$repo"/io/todokit/*/; do
    artifact=$(basename "$dir")
    case " todo-bom todokit-parent $(echo $published) " in
      *" $artifact "*) ;;
      *) unlisted+=("$artifact") ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    result=FAIL
    detail="missing: ${missing[*]}"
  elif [ ${#unlisted[@]} -gt 0 ]; then
    result=FAIL
    detail="deployed but not in todo-bom: ${unlisted[*]}"
  else
    detail="$(echo $published | wc -w) modules in the BOM with jar, sources and javadoc; BOM, parent, todo-cli-$version-all.jar"
  fi
fi
report deploy "$result" "$detail" $((SECONDS - start))
[ "$result" = PASS ] || finish

# 2. A local repository that has every cached third-party artifact and no todokit.
mkdir -p "$local/io/todokit"
for entry in "$m2"/* "$m2"/io/*; do
  case $entry in
    "$m2/io" | "$m2/io/todokit") ;;
    "$m2"/io/*) if [ -e "$entry" ]; then ln -s "$entry" "$local/io/"; fi ;;
    *) if [ -e "$entry" ]; then ln -s "$entry" "$local/"; fi ;;
  esac
done
consumer_mvn() {
  ./mvnw -B -ntp -f "$service/pom.xml" -Dmaven.repo.local="$local" \
    -Dtodokit.repository.url="file://$repo" -Dtodokit.version="$version" "$@"
}

# 3. The service's tests on each JUnit version.
for junit in $junit_versions; do
  log="$work/junit-$junit.log"
  start=$SECONDS
  if consumer_mvn clean verify -Djunit.version="$junit" "$@" >"$log" 2>&1; then
    result=PASS
  else
    result=FAIL
  fi
  # Surefire's total for the run, e.g. "Tests run: 3, Failures: 0, Errors: 0, Skipped: 0".
  tests=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures' "$log" | tail -n 1 |
    sed -E 's/^\[[A-Z]+\] //' || true)
  # The provisioner's line, wherever the test JVM printed it (Surefire redirects it to a file).
  chosen=$(cat "$service"/target/surefire-reports/*-output.txt "$log" 2>/dev/null |
    grep -m 1 -o 'todokit: using .*' || true)
  if [ "$result" = PASS ] && [ -z "$chosen" ]; then
    result="FAIL (no 'todokit: using' line in the test output)"
  fi
  # Where io.todokit came from: the deployed repository, never another local one.
  if [ "$result" = PASS ] &&
    ! grep -q '^todo-dao-.*\.jar>todokit=' "$local/io/todokit/todo-dao/$version/_remote.repositories" 2>/dev/null; then
    result="FAIL (todo-dao was not resolved from the deployed repository)"
  fi
  [ "$result" = PASS ] || show_errors "$log"
  report "junit $junit" "$result" "${tests:-no Surefire summary}${chosen:+; $chosen}" $((SECONDS - start))
done

# 4. The service's main on a throwaway PostgreSQL, and the CLI's executable jar on the same
#    database (the launcher runs it once the service has migrated).
cli_jar="$repo/io/todokit/todo-cli/$version/todo-cli-$version-all.jar"
start=$SECONDS
log="$work/main.log"
if consumer_mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" -Djunit.version=6.1.3 "$@" >"$work/classpath.log" 2>&1 &&
  "$java" -cp "$service/target/classes:$service/target/test-classes:$(cat "$work/classpath.txt")" \
    -Dtodo.cli.jar="$cli_jar" org.example.orders.RunOnThrowawayDatabase >"$log" 2>&1; then
  result=PASS
else
  result=FAIL
  cat "$work/classpath.log" "$log" 2>/dev/null | tail -n 30 >&2 || true
fi
line=$(grep -m 1 '^orders: ' "$log" || true)
if [ "$result" = PASS ] && [ -z "$line" ]; then
  result="FAIL (no 'orders:' line)"
fi
report main "$result" "${line:-no output}" $((SECONDS - start))

start=$SECONDS
printed=$("$java" -jar "$cli_jar" --version 2>&1 || true)
if grep -q "$version" <<<"$printed"; then
  result=PASS
else
  result="FAIL (no $version in the output)"
fi
report "cli --version" "$result" "$(head -n 1 <<<"$printed")" $((SECONDS - start))
info=$(grep -m 1 'schema version: ' "$log" || true)
if [ -n "$info" ]; then
  result=PASS
else
  result="FAIL (no 'schema version:' line from todo-cli info)"
fi
report "cli info" "$result" "${info:-see $log} (run by the main step)" 0

finish
