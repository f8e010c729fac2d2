package io.todokit.schema;

import io.todokit.schema.VerificationReport.Check;
import io.todokit.schema.VerificationReport.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** {@link TodoSchema#verify}: the catalog, the version and the data checks. */
final class Verification {

  private Verification() {}

  static VerificationReport verify(TodoSchema schema, DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    List<Check> checks = new ArrayList<>();
    checks.add(versionCheck(schema, dataSource));
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      checks.addAll(ExpectedSchema.load().compare(Catalog.read(connection, schema.schemaName())));
      for (DataCheck dataCheck : DataCheck.ALL) {
        checks.add(dataCheck.run(connection, TodoSchema.quoted(schema.schemaName())));
      }
    } catch (SQLException e) {
      throw new SchemaException("could not read the database catalog: " + e.getMessage(), e);
    }
    return new VerificationReport(checks);
  }

  private static Check versionCheck(TodoSchema schema, DataSource dataSource) {
    String name =
        "migrations at head (V" + TodoSchema.latestVersion() + ") in schema " + schema.schemaName();
    SchemaInfo info;
    try {
      info = schema.info(dataSource);
    } catch (SchemaException e) {
      return new Check(Kind.VERSION, name, false, String.valueOf(e.getMessage()));
    }
    if (info.upToDate() && info.state() == SchemaState.CURRENT) {
      return new Check(Kind.VERSION, name, true, "at version " + info.currentVersion());
    }
    // A newer release migrated it (a rolling deploy): what this release needs is checked below.
    if (info.upToDate() && info.state() == SchemaState.AHEAD) {
      return new Check(
          Kind.VERSION,
          name,
          true,
          "at version "
              + info.currentVersion()
              + ", "
              + info.describe()
              + "; the checks below are this release's");
    }
    String detail = "at version " + info.currentVersion();
    if (!info.pending().isEmpty()) {
      detail += ", " + info.pending().size() + " pending";
    }
    if (info.applied().stream().anyMatch(applied -> !applied.success())) {
      detail += ", a failed migration is recorded";
    }
    return new Check(Kind.VERSION, name, false, detail);
  }

  /** A query that counts rows breaking a rule; the check passes when it counts none. */
  private record DataCheck(String name, String countSql) {

    static final List<DataCheck> ALL =
        List.of(
            new DataCheck(
                "tasks.priority is low, medium, high or urgent",
                "SELECT count(*) FROM {schema}.tasks"
                    + " WHERE priority::text NOT IN ('low', 'medium', 'high', 'urgent')"),
            new DataCheck(
                "tasks.recurrence_rule is a JSON object",
                "SELECT count(*) FROM {schema}.tasks WHERE jsonb_typeof(recurrence_rule) <> 'object'"),
            new DataCheck(
                "recurring_tasks.recurrence_rule is a JSON object",
                "SELECT count(*) FROM {schema}.recurring_tasks"
                    + " WHERE jsonb_typeof(recurrence_rule) IS DISTINCT FROM 'object'"),
            new DataCheck(
                "completed tasks have completed_at",
                "SELECT count(*) FROM {schema}.tasks WHERE status = 'completed' AND completed_at IS NULL"),
            new DataCheck(
                "open tasks have no completed_at",
                "SELECT count(*) FROM {schema}.tasks"
                    + " WHERE status <> 'completed' AND completed_at IS NOT NULL"),
            new DataCheck(
                "tags.color is #RRGGBB",
                "SELECT count(*) FROM {schema}.tags WHERE color !~ '^#[0-9A-Fa-f]{6}$'"),
            new DataCheck(
                "messages.tool_calls is an array or object",
                "SELECT count(*) FROM {schema}.messages"
                    + " WHERE jsonb_typeof(tool_calls) NOT IN ('array', 'object')"),
            // V11 added the following rules NOT VALID: rows older than V11 may break them.
            // Zones are grouped first, so the function (an exception block) runs once per zone.
            new DataCheck(
                "users.time_zone is a region id (Area/Location or UTC)",
                "WITH zones AS MATERIALIZED"
                    + " (SELECT time_zone, count(*) AS n FROM {schema}.users GROUP BY time_zone)"
                    + " SELECT coalesce(sum(n), 0) FROM zones"
                    + " WHERE NOT {schema}.todokit_is_time_zone(time_zone)"),
            new DataCheck(
                "recurring_tasks.time_zone is a region id (Area/Location or UTC)",
                "WITH zones AS MATERIALIZED"
                    + " (SELECT time_zone, count(*) AS n FROM {schema}.recurring_tasks GROUP BY time_zone)"
                    + " SELECT coalesce(sum(n), 0) FROM zones"
                    + " WHERE NOT {schema}.todokit_is_time_zone(time_zone)"),
            new DataCheck(
                "titles and tag names are not blank (Unicode spaces count as blank)",
                "SELECT (SELECT count(*) FROM {schema}.tasks WHERE {schema}.todokit_is_blank(title))"
                    + " + (SELECT count(*) FROM {schema}.recurring_tasks WHERE {schema}.todokit_is_blank(title))"
                    + " + (SELECT count(*) FROM {schema}.conversations WHERE {schema}.todokit_is_blank(title))"
                    + " + (SELECT count(*) FROM {schema}.tags WHERE {schema}.todokit_is_blank(name))"),
            new DataCheck(
                "password hashes and tool call ids are not blank (Unicode spaces count as blank)",
                "SELECT (SELECT count(*) FROM {schema}.users WHERE {schema}.todokit_is_blank(password_hash))"
                    + " + (SELECT count(*) FROM {schema}.messages WHERE {schema}.todokit_is_blank(tool_call_id))"));

    /** Runs the count on todokit's tables in {@code quotedSchema}. */
    Check run(Connection connection, String quotedSchema) {
      try (PreparedStatement statement =
              connection.prepareStatement(countSql.replace("{schema}", quotedSchema));
          ResultSet rows = statement.executeQuery()) {
        rows.next();
        long offending = rows.getLong(1);
        return new Check(
            Kind.DATA, name, offending == 0, offending == 0 ? "" : offending + " offending row(s)");
      } catch (SQLException e) {
        return new Check(Kind.DATA, name, false, "could not run: " + e.getMessage());
      }
    }
  }
}
