#!/usr/bin/env bash
# The official MCP Inspector (npm @modelcontextprotocol/inspector) in CLI mode on the executable jar:
# lists the tools, calls add_task, then list_tasks, and checks what it printed.
#
#   todo-mcp/src/test/inspector/run.sh         after ./mvnw package (or verify) built the jars
#
# The database: a throwaway PostgreSQL 15 from todo-testing's pg15.sh (installed on first use, as
# for CI's PostgreSQL 15 step) on port ${INSPECTOR_PG_PORT:-55416}, migrated by todo-cli's jar, with
# one user inserted by psql; stopped and removed at exit. Needs node/npx (npm registry access on the
# first run). Prints one line per check; exits 1 on the first that fails.
set -euo pipefail
cd "$(dirname "$0")/../../../.."

mcp_jar=todo-mcp/target/todo-mcp.jar
cli_jar=todo-cli/target/todo-cli.jar
for jar in "$mcp_jar" "$cli_jar"; do
  if [ ! -f "$jar" ]; then
    echo "inspector: no $jar: run ./mvnw -pl todo-mcp,todo-cli -am package -DskipTests first" >&2
    exit 1
  fi
done
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
pg15=todo-testing/src/main/scripts/pg15.sh
export PG15_DIR=${INSPECTOR_PG_DIR:-/tmp/todokit-inspector-pg}
port=${INSPECTOR_PG_PORT:-55416}
work=$(mktemp -d)
trap 'bash "$pg15" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

eval "$(bash "$pg15" start "$port" 2>"$work/pg.log")" || { cat "$work/pg.log" >&2; exit 1; }
export TODO_PG_USER=postgres
"$java" -jar "$cli_jar" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
psql="${PG15_BIN:-/usr/lib/postgresql/15/bin}/psql"
user=$("$psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtA -c \
  "INSERT INTO todokit.users (username, email, password_hash)
   VALUES ('inspector', 'inspector@example.org', 'x') RETURNING id" | head -n 1)

inspector() {
  # The server gets only the environment given with -e (the Inspector passes a minimal one).
  timeout 120 npx -y @modelcontextprotocol/inspector --cli \
    -e "TODO_PG_URL=$TODO_PG_URL" -e "TODO_PG_USER=$TODO_PG_USER" \
    "$java" -jar "$mcp_jar" --user "$user" "$@"
}

check() { # name, file, pattern...
  local name=$1 file=$2
  shift 2
  for pattern in "$@"; do
    if ! grep -q -- "$pattern" "$file"; then
      echo "inspector: $name FAILED: no '$pattern' in its output:" >&2
      cat "$file" >&2
      exit 1
    fi
  done
  echo "inspector: $name ok"
}

inspector --method tools/list >"$work/list.json" 2>"$work/list.err" || true
check "tools/list" "$work/list.json" '"name": "add_task"' '"name": "list_tasks"' \
  '"name": "delete_recurring_task"' '"outputSchema"' '"readOnlyHint": true'

inspector --method tools/call --tool-name add_task --tool-arg "title=Inspect the inspector" \
  --tool-arg priority=high >"$work/add.json" 2>"$work/add.err" || true
check "tools/call add_task" "$work/add.json" '"title": "Inspect the inspector"' \
  '"priority": "high"' '"isError": false'

inspector --method tools/call --tool-name list_tasks >"$work/tasks.json" 2>"$work/tasks.err" || true
check "tools/call list_tasks" "$work/tasks.json" '"title": "Inspect the inspector"'

inspector --method tools/call --tool-name add_task --tool-arg priority=huge \
  >"$work/bad.json" 2>"$work/bad.err" || true
check "tools/call add_task with bad arguments" "$work/bad.json" '"isError": true' \
  'title: is required'
