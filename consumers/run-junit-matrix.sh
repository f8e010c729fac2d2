#!/usr/bin/env bash
# Runs the consumer project in junit/ (its own pom, no parent, outside the reactor) against each
# JUnit Jupiter version todo-testing supports, and checks that its test output shows the
# "todokit: using …" line without the consumer adding an SLF4J binding.
#
#   consumers/run-junit-matrix.sh [maven args…]          e.g. -o -Dtodo.pg.provider=embedded
#   JUNIT_VERSIONS="5.10.5 6.1.3" consumers/run-junit-matrix.sh
#
# First it installs todo-testing and todo-schema (and what they need) into the local repository
# without tests. The JUnit versions come from Maven Central once; after that it runs offline.
# Prints one summary line per version and exits 1 if any version fails.
set -euo pipefail
cd "$(dirname "$0")/.."

versions=${JUNIT_VERSIONS:-"5.10.5 5.14.1 6.1.3"}
logs=$(mktemp -d "${TMPDIR:-/tmp}/todokit-junit-matrix.XXXXXX")

echo "matrix: installing todo-testing and todo-schema (no tests; log in $logs/install.log)"
if ! ./mvnw -B -ntp install -DskipTests -Dspotless.check.skip=true -pl todo-testing,todo-schema -am \
  "$@" >"$logs/install.log" 2>&1; then
  tail -n 40 "$logs/install.log" >&2
  echo "matrix: installing todo-testing and todo-schema failed" >&2
  exit 1
fi

failed=0
summary=()
for version in $versions; do
  log="$logs/junit-$version.log"
  start=$SECONDS
  if ./mvnw -B -ntp -f consumers/junit/pom.xml clean verify -Djunit.version="$version" "$@" \
    >"$log" 2>&1; then
    result=PASS
  else
    result=FAIL
  fi
  # Surefire's total for the run, e.g. "Tests run: 3, Failures: 0, Errors: 0, Skipped: 0".
  tests=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures' "$log" | tail -n 1 |
    sed -E 's/^\[[A-Z]+\] //' || true)
  # The provisioner's line, wherever the test JVM printed it (Surefire redirects it to a file).
  chosen=$(cat consumers/junit/target/surefire-reports/*-output.txt "$log" 2>/dev/null |
    grep -m 1 -o 'todokit: using .*' || true)
  if [ "$result" = PASS ] && [ -z "$chosen" ]; then
    result="FAIL (no 'todokit: using' line in the test output)"
  fi
  if [ "$result" != PASS ]; then
    failed=1
    grep -E '^\[ERROR\]' "$log" | head -n 30 >&2 || true
  fi
  summary+=("junit $version: $result; ${tests:-no Surefire summary}; $((SECONDS - start))s")
  [ -n "$chosen" ] && summary+=("  $chosen")
done

echo "matrix: logs in $logs"
printf 'matrix: %s\n' "${summary[@]}"
exit "$failed"
