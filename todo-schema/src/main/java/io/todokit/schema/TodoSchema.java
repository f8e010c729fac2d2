package io.todokit.schema;

import io.todokit.schema.VerificationReport.Check;
import io.todokit.schema.VerificationReport.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates, inspects, verifies and rolls back todokit's schema in a PostgreSQL database.
 *
 * <p>The migrations are Flyway SQL scripts on the classpath under {@code db/migration} (so Spring
 * Boot's Flyway support finds them in this jar as well), each with a down script under {@code
 * db/rollback} that exactly undoes it. Versions are the whole numbers of {@link SchemaStep}; 0
 * stands for "nothing of todokit applied".
 *
 * <p>All methods are static and thread-safe; concurrent migrations of one database are serialised
 * by Flyway's lock.
 */
public final class TodoSchema {

  /** Where the migrations are, in Flyway's location syntax. */
  public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

  private static final String ROLLBACK_RESOURCE_DIRECTORY = "db/rollback/";
  private static final String HISTORY_TABLE = "flyway_schema_history";
  private static final Logger log = LoggerFactory.getLogger(TodoSchema.class);

  private TodoSchema() {}

  /**
   * Applies every pending migration.
   *
   * @param dataSource the database
   * @return where the database stands afterwards
   * @throws SchemaException when a migration fails; the failing migration's changes are rolled
   *     back, so the database stays at the version before it
   */
  public static SchemaInfo migrate(DataSource dataSource) {
    return migrate(dataSource, SchemaStep.head().version());
  }

  /**
   * Applies the pending migrations up to and including {@code targetVersion}.
   *
   * @param dataSource the database
   * @param targetVersion the version to migrate to, from 1 to {@code SchemaStep.head().version()}
   * @return where the database stands afterwards
   * @throws SchemaException when the target is unknown or older than the database (roll back
   *     instead), or when a migration fails (the database then stays at the version before it)
   */
  public static SchemaInfo migrate(DataSource dataSource, int targetVersion) {
    Objects.requireNonNull(dataSource, "dataSource");
    requireKnownVersion(targetVersion);
    int current = info(dataSource).currentVersion();
    if (current > targetVersion) {
      throw new SchemaException(
          "the database is at version "
              + current
              + ", newer than the target "
              + targetVersion
              + ": use rollbackTo to go back");
    }
    try {
      flyway(dataSource, MigrationVersion.fromVersion(Integer.toString(targetVersion))).migrate();
    } catch (FlywayException e) {
      throw new SchemaException(
          "migration failed and was rolled back; the database is at version "
              + info(dataSource).currentVersion()
              + ": "
              + e.getMessage(),
          e);
    }
    return info(dataSource);
  }

  /**
   * Reads which migrations are applied and which are pending.
   *
   * @param dataSource the database
   * @return the applied and pending migrations
   */
  public static SchemaInfo info(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    try {
      var info = flyway(dataSource, MigrationVersion.LATEST).info();
      List<SchemaInfo.Applied> applied = new ArrayList<>();
      for (MigrationInfo migration : info.applied()) {
        if (migration.getVersion() == null || migration.getType().isSynthetic()) {
          continue;
        }
        applied.add(
            new SchemaInfo.Applied(
                versionOf(migration),
                migration.getDescription(),
                migration.getScript(),
                migration.getInstalledOn() == null ? null : migration.getInstalledOn().toInstant(),
                !migration.getState().isFailed()));
      }
      List<SchemaInfo.Pending> pending = new ArrayList<>();
      for (MigrationInfo migration : info.pending()) {
        pending.add(
            new SchemaInfo.Pending(
                versionOf(migration), migration.getDescription(), migration.getScript()));
      }
      int current =
          applied.stream()
              .filter(SchemaInfo.Applied::success)
              .mapToInt(SchemaInfo.Applied::version)
              .max()
              .orElse(0);
      return new SchemaInfo(current, applied, pending);
    } catch (FlywayException e) {
      throw new SchemaException("could not read the migration history: " + e.getMessage(), e);
    }
  }

  /**
   * Lists the down scripts that {@link #rollbackTo} would run, without running them.
   *
   * @param dataSource the database
   * @param targetVersion the version to roll back to; 0 undoes every migration
   * @return the down scripts, newest first
   * @throws SchemaException when the target is newer than the database, or a down script is missing
   */
  public static RollbackPlan planRollback(DataSource dataSource, int targetVersion) {
    Objects.requireNonNull(dataSource, "dataSource");
    if (targetVersion != 0) {
      requireKnownVersion(targetVersion);
    }
    SchemaInfo info = info(dataSource);
    if (info.applied().stream().anyMatch(applied -> !applied.success())) {
      throw new SchemaException(
          "the migration history records a failed migration; repair it before rolling back");
    }
    if (targetVersion > info.currentVersion()) {
      throw new SchemaException(
          "the database is at version "
              + info.currentVersion()
              + ", older than the target "
              + targetVersion
              + ": use migrate to go forward");
    }
    List<RollbackPlan.Step> steps = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (SchemaInfo.Applied applied : info.applied().reversed()) {
      if (applied.version() <= targetVersion) {
        continue;
      }
      String script = downScriptName(applied.script());
      String sql = readResource(ROLLBACK_RESOURCE_DIRECTORY + script);
      if (sql == null) {
        missing.add("V" + applied.version() + " (" + ROLLBACK_RESOURCE_DIRECTORY + script + ")");
      } else {
        steps.add(new RollbackPlan.Step(applied.version(), script, sql));
      }
    }
    if (!missing.isEmpty()) {
      throw new SchemaException(
          "cannot roll back to version "
              + targetVersion
              + ": no down script for "
              + String.join(", ", missing)
              + "; nothing was changed");
    }
    return new RollbackPlan(info.currentVersion(), targetVersion, steps);
  }

  /**
   * Rolls the database back to {@code targetVersion} by running down scripts newest first, each
   * with the removal of its history row in its own transaction.
   *
   * <p>Rolling back everything after the conversations step is {@code rollbackTo(dataSource,
   * SchemaStep.CONVERSATIONS_AND_MESSAGES.version())}. Down scripts drop columns and tables: back
   * the database up first.
   *
   * @param dataSource the database
   * @param targetVersion the version to roll back to; 0 undoes every migration
   * @return where the database stands afterwards
   * @throws SchemaException when a down script is missing (then nothing runs), the target is newer
   *     than the database, or a down script fails (then the database stays at the version whose
   *     down script failed)
   */
  public static SchemaInfo rollbackTo(DataSource dataSource, int targetVersion) {
    RollbackPlan plan = planRollback(dataSource, targetVersion);
    for (RollbackPlan.Step step : plan.steps()) {
      log.info("todokit: rolling back version {} with {}", step.version(), step.script());
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
            PreparedStatement forget =
                connection.prepareStatement(
                    "DELETE FROM " + HISTORY_TABLE + " WHERE version = ?")) {
          statement.execute(step.sql());
          forget.setString(1, Integer.toString(step.version()));
          forget.executeUpdate();
          connection.commit();
        } catch (SQLException e) {
          connection.rollback();
          throw new SchemaException(
              "down script "
                  + step.script()
                  + " failed and was rolled back; the database is at version "
                  + step.version()
                  + ": "
                  + e.getMessage(),
              e);
        }
      } catch (SQLException e) {
        throw new SchemaException("could not connect to roll back: " + e.getMessage(), e);
      }
    }
    return info(dataSource);
  }

  /**
   * Checks that the database holds every table, column (type and nullability), index, constraint,
   * trigger, function and enum type of the head version, and that its data passes the checks that
   * constraints alone cannot guarantee after manual changes.
   *
   * @param dataSource the database
   * @return every check with its outcome; {@link VerificationReport#render()} prints it
   */
  public static VerificationReport verify(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    List<Check> checks = new ArrayList<>();
    checks.add(versionCheck(dataSource));
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      checks.addAll(ExpectedSchema.load().compare(Catalog.read(connection)));
      for (DataCheck dataCheck : DataCheck.ALL) {
        checks.add(dataCheck.run(connection));
      }
    } catch (SQLException e) {
      throw new SchemaException("could not read the database catalog: " + e.getMessage(), e);
    }
    return new VerificationReport(checks);
  }

  private static Check versionCheck(DataSource dataSource) {
    String name = "migrations at head (V" + SchemaStep.head().version() + ")";
    SchemaInfo info;
    try {
      info = info(dataSource);
    } catch (SchemaException e) {
      return new Check(Kind.VERSION, name, false, e.getMessage());
    }
    if (info.upToDate() && info.currentVersion() == SchemaStep.head().version()) {
      return new Check(Kind.VERSION, name, true, "at version " + info.currentVersion());
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
                "SELECT count(*) FROM tasks"
                    + " WHERE priority::text NOT IN ('low', 'medium', 'high', 'urgent')"),
            new DataCheck(
                "tasks.recurrence_rule is a JSON object",
                "SELECT count(*) FROM tasks WHERE jsonb_typeof(recurrence_rule) <> 'object'"),
            new DataCheck(
                "recurring_tasks.recurrence_rule is a JSON object",
                "SELECT count(*) FROM recurring_tasks"
                    + " WHERE jsonb_typeof(recurrence_rule) IS DISTINCT FROM 'object'"),
            new DataCheck(
                "completed tasks have completed_at",
                "SELECT count(*) FROM tasks WHERE status = 'completed' AND completed_at IS NULL"),
            new DataCheck(
                "open tasks have no completed_at",
                "SELECT count(*) FROM tasks"
                    + " WHERE status <> 'completed' AND completed_at IS NOT NULL"),
            new DataCheck(
                "tags.color is #RRGGBB",
                "SELECT count(*) FROM tags WHERE color !~ '^#[0-9A-Fa-f]{6}$'"),
            new DataCheck(
                "messages.tool_calls is an array or object",
                "SELECT count(*) FROM messages"
                    + " WHERE jsonb_typeof(tool_calls) NOT IN ('array', 'object')"),
            // V11 added the following rules NOT VALID: rows older than V11 may break them.
            // Zones are grouped first, so the function (an exception block) runs once per zone.
            new DataCheck(
                "users.time_zone is a region id (Area/Location or UTC)",
                "WITH zones AS MATERIALIZED"
                    + " (SELECT time_zone, count(*) AS n FROM users GROUP BY time_zone)"
                    + " SELECT coalesce(sum(n), 0) FROM zones"
                    + " WHERE NOT todokit_is_time_zone(time_zone)"),
            new DataCheck(
                "recurring_tasks.time_zone is a region id (Area/Location or UTC)",
                "WITH zones AS MATERIALIZED"
                    + " (SELECT time_zone, count(*) AS n FROM recurring_tasks GROUP BY time_zone)"
                    + " SELECT coalesce(sum(n), 0) FROM zones"
                    + " WHERE NOT todokit_is_time_zone(time_zone)"),
            new DataCheck(
                "titles and tag names are not blank (Unicode spaces count as blank)",
                "SELECT (SELECT count(*) FROM tasks WHERE todokit_is_blank(title))"
                    + " + (SELECT count(*) FROM recurring_tasks WHERE todokit_is_blank(title))"
                    + " + (SELECT count(*) FROM conversations WHERE todokit_is_blank(title))"
                    + " + (SELECT count(*) FROM tags WHERE todokit_is_blank(name))"),
            new DataCheck(
                "password hashes and tool call ids are not blank (Unicode spaces count as blank)",
                "SELECT (SELECT count(*) FROM users WHERE todokit_is_blank(password_hash))"
                    + " + (SELECT count(*) FROM messages WHERE todokit_is_blank(tool_call_id))"));

    Check run(Connection connection) {
      try (PreparedStatement statement = connection.prepareStatement(countSql);
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

  private static Flyway flyway(DataSource dataSource, MigrationVersion target) {
    return Flyway.configure(TodoSchema.class.getClassLoader())
        .dataSource(dataSource)
        .locations(MIGRATIONS_LOCATION)
        .table(HISTORY_TABLE)
        .target(target)
        .cleanDisabled(true)
        .loggers("slf4j")
        .load();
  }

  private static void requireKnownVersion(int version) {
    if (version < 1 || version > SchemaStep.head().version()) {
      throw new SchemaException(
          "unknown schema version "
              + version
              + ": versions are 1 to "
              + SchemaStep.head().version());
    }
  }

  private static int versionOf(MigrationInfo migration) {
    String version = migration.getVersion().getVersion();
    try {
      return Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw new SchemaException(
          "migration "
              + migration.getScript()
              + " has version "
              + version
              + ", not a whole number");
    }
  }

  /** {@code V4__conversations_and_messages.sql} → {@code U4__conversations_and_messages.sql}. */
  private static String downScriptName(String migrationScript) {
    String fileName = migrationScript.substring(migrationScript.lastIndexOf('/') + 1);
    return fileName.startsWith("V") ? "U" + fileName.substring(1) : "U" + fileName;
  }

  private static @Nullable String readResource(String name) {
    try (InputStream in = TodoSchema.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
