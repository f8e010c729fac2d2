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
 * <p>todokit is a guest in its user's database: its tables, types and functions live in a
 * PostgreSQL schema of their own ({@value #DEFAULT_SCHEMA} by default, {@link #in(String)} chooses
 * another, {@code public} included), its Flyway history is the table {@value #HISTORY_TABLE} in
 * that schema, and its migrations are at {@value #MIGRATIONS_LOCATION} on the classpath, each with
 * a down script under {@value #ROLLBACK_LOCATION} that exactly undoes it. So a service's own Flyway
 * (Boot's default {@code classpath:db/migration}, history {@code flyway_schema_history}) and
 * todokit's never see each other's scripts or tables, whatever their version numbers and whichever
 * runs first. Versions are the whole numbers of {@link SchemaStep}; 0 stands for "nothing of
 * todokit applied".
 *
 * <p>A database migrated by a release before 0.1.0 keeps todokit's tables and their history in
 * {@code flyway_schema_history} in one schema (usually {@code public}). {@link #migrate} on that
 * schema carries the history over to {@value #HISTORY_TABLE} without re-running anything; on any
 * other schema it refuses, naming the schema to use (see {@link SchemaVersion#legacySchema()}).
 *
 * <p>A database may be ahead of this release: a newer release migrated it during a rolling deploy.
 * Then {@link #migrate(DataSource)} changes nothing and logs a warning, {@link #info} says so, and
 * this release keeps working as long as the newer release keeps the schema compatible. {@link
 * #checkVersion} is the cheap check that a library makes when it starts.
 *
 * <p>Instances are immutable and thread-safe; concurrent migrations of one database are serialised
 * by Flyway's lock.
 */
public final class TodoSchema {

  /** The PostgreSQL schema of todokit's tables unless {@link #in(String)} names another. */
  public static final String DEFAULT_SCHEMA = "todokit";

  /** Where the migrations are, in Flyway's location syntax. */
  public static final String MIGRATIONS_LOCATION = "classpath:db/todokit/migration";

  /** Where the down scripts are, in Flyway's location syntax ({@code U<version>__<name>.sql}). */
  public static final String ROLLBACK_LOCATION = "classpath:db/todokit/rollback";

  /** todokit's Flyway history table, in todokit's schema. */
  public static final String HISTORY_TABLE = "todokit_schema_history";

  /** The history table of releases before 0.1.0 (Flyway's default), beside todokit's tables. */
  static final String LEGACY_HISTORY_TABLE = "flyway_schema_history";

  private static final String ROLLBACK_RESOURCE_DIRECTORY =
      ROLLBACK_LOCATION.substring("classpath:".length()) + "/";
  private static final int MAX_IDENTIFIER_BYTES = 63;
  private static final TodoSchema STANDARD = new TodoSchema(DEFAULT_SCHEMA);
  private static final Logger log = LoggerFactory.getLogger(TodoSchema.class);

  private final String schemaName;

  private TodoSchema(String schemaName) {
    this.schemaName = schemaName;
  }

  /**
   * todokit's schema in the PostgreSQL schema {@value #DEFAULT_SCHEMA}.
   *
   * @return the default
   */
  public static TodoSchema standard() {
    return STANDARD;
  }

  /**
   * todokit's schema in the given PostgreSQL schema, which {@link #migrate} creates when it is
   * missing.
   *
   * @param schemaName the schema's name, exactly as stored (no quotes; case matters), e.g. {@code
   *     public} or {@code todo}
   * @return todokit's schema there
   * @throws IllegalArgumentException when the name is blank, longer than PostgreSQL's 63 bytes,
   *     holds a NUL, or names a system schema ({@code pg_…}, {@code information_schema})
   */
  public static TodoSchema in(String schemaName) {
    Objects.requireNonNull(schemaName, "schemaName");
    if (schemaName.isBlank()) {
      throw new IllegalArgumentException("schemaName must not be blank");
    }
    if (schemaName.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
      throw new IllegalArgumentException(
          "schemaName must be at most " + MAX_IDENTIFIER_BYTES + " bytes (was " + schemaName + ")");
    }
    if (schemaName.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("schemaName must not contain NUL");
    }
    if (schemaName.startsWith("pg_") || schemaName.equals("information_schema")) {
      throw new IllegalArgumentException(
          "schemaName must not name a system schema (was " + schemaName + ")");
    }
    return schemaName.equals(DEFAULT_SCHEMA) ? STANDARD : new TodoSchema(schemaName);
  }

  /**
   * The PostgreSQL schema of todokit's tables.
   *
   * @return the name, unquoted
   */
  public String schemaName() {
    return schemaName;
  }

  /**
   * The newest migration version this release ships: the version a fully migrated database is at,
   * and the one {@link #checkVersion} asks for.
   *
   * @return {@code SchemaStep.head().version()}
   */
  public static int latestVersion() {
    return SchemaStep.head().version();
  }

  /**
   * Fails unless the connection's database is migrated far enough for this release: the check a
   * library makes once when it starts ({@code TodoDb.create} does). A database that is ahead (a
   * newer release migrated it during a rolling deploy) passes, with one INFO line.
   *
   * @param connection a connection to the database; the caller closes it
   * @return what {@link #checkVersion} found
   * @throws SchemaException when the database is behind (its message says the version found, the
   *     version needed and how to migrate), or when the version cannot be read
   */
  public SchemaVersion requireMigrated(Connection connection) {
    SchemaVersion version = checkVersion(connection);
    switch (version.state()) {
      case BEHIND -> throw new SchemaException(version.describe());
      case AHEAD ->
          log.info(
              "todokit schema {} is at version {}, ahead of this release ({}): a newer release"
                  + " migrated it; this one keeps working while the newer keeps it compatible",
              schemaName,
              version.found(),
              version.needed());
      case CURRENT -> {}
    }
    return version;
  }

  /**
   * Reads which schema version the connection's database is at, with at most two small queries, for
   * a library to check once when it starts.
   *
   * <p>The first query looks the history table up with {@code to_regclass}, which cannot fail, so a
   * database without todokit's schema does not abort a transaction that the connection has open;
   * only when the table exists does the second read its newest successful version. When it does not
   * exist, a third looks for the layout of a release before 0.1.0. The queries run in the
   * connection's current transaction, if any, and leave its settings as they are.
   *
   * @param connection a connection to the database; the caller closes it
   * @return the version found, the version this release needs, and whether the database is behind,
   *     current or ahead; {@link SchemaVersion#describe()} says what to do when it is behind
   * @throws SchemaException when the queries fail (the cause is the {@link SQLException}), e.g.
   *     when the user may not read the history table
   */
  public SchemaVersion checkVersion(Connection connection) {
    Objects.requireNonNull(connection, "connection");
    try {
      boolean exists;
      String legacy;
      // One statement either way: the lookups cannot fail, and the search for an old layout runs
      // only when todokit's history table is missing.
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT h, CASE WHEN NOT h THEN ("
                  + LegacyLayout.FIND
                  + ") END FROM (SELECT to_regclass(quote_ident(?) || '."
                  + HISTORY_TABLE
                  + "') IS NOT NULL AS h) AS history")) {
        statement.setString(1, schemaName);
        statement.setString(2, schemaName);
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          exists = rows.getBoolean(1);
          legacy = rows.getString(2);
        }
      }
      if (!exists) {
        return new SchemaVersion(schemaName, 0, latestVersion(), legacy);
      }
      int found;
      // Versions are whole numbers; Flyway's own bookkeeping rows (schema creation) have none.
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT coalesce(max(version::int), 0) FROM "
                      + qualified(HISTORY_TABLE)
                      + " WHERE success AND version ~ '^[0-9]{1,9}$'")) {
        rows.next();
        found = rows.getInt(1);
      }
      return new SchemaVersion(schemaName, found, latestVersion(), null);
    } catch (SQLException e) {
      throw new SchemaException("could not read the schema version: " + e.getMessage(), e);
    }
  }

  /**
   * Applies every pending migration.
   *
   * <p>On a database ahead of this release (migrated by a newer one) it changes nothing, logs one
   * warning naming both versions, and returns the database's state ({@link SchemaState#AHEAD}).
   *
   * @param dataSource the database
   * @return where the database stands afterwards
   * @throws SchemaException when a migration fails; the failing migration's changes are rolled
   *     back, so the database stays at the version before it
   */
  public SchemaInfo migrate(DataSource dataSource) {
    return migrate(dataSource, latestVersion());
  }

  /**
   * Applies the pending migrations up to and including {@code targetVersion}.
   *
   * @param dataSource the database
   * @param targetVersion the version to migrate to, from 1 to {@link #latestVersion()}; with the
   *     latest, a database ahead of this release is left as it is (see {@link
   *     #migrate(DataSource)})
   * @return where the database stands afterwards
   * @throws SchemaException when the target is unknown or older than the database (roll back
   *     instead), or when a migration fails (the database then stays at the version before it)
   */
  public SchemaInfo migrate(DataSource dataSource, int targetVersion) {
    Objects.requireNonNull(dataSource, "dataSource");
    requireKnownVersion(targetVersion);
    adoptLegacyHistory(dataSource);
    SchemaInfo before = info(dataSource);
    int current = before.currentVersion();
    if (before.state() == SchemaState.AHEAD && targetVersion == latestVersion()) {
      log.warn(
          "todokit: schema {} is at version {}, ahead of this release, which knows up to {}:"
              + " nothing to migrate; this release keeps working as long as the newer release"
              + " keeps the schema compatible",
          schemaName,
          current,
          latestVersion());
      return before;
    }
    if (current > targetVersion) {
      throw new SchemaException(
          "the database is at version "
              + current
              + ", newer than the target "
              + targetVersion
              + (before.state() == SchemaState.AHEAD
                  ? " and ahead of this release, which knows up to "
                      + latestVersion()
                      + " and cannot undo what it does not know"
                  : ": use rollbackTo to go back"));
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
   * Carries the history of a release before 0.1.0 over, when this schema holds todokit's tables in
   * that layout: todokit's rows of {@code flyway_schema_history} move, unchanged, to {@value
   * #HISTORY_TABLE}, so that nothing runs again; the old table stays for a service's own Flyway.
   * {@link #migrate} does this first; a no-op when there is nothing to carry over.
   *
   * @param dataSource the database
   * @return where the database stands afterwards
   * @throws SchemaException when todokit's tables of such a release are in another schema (the
   *     message names it), or the old history does not record todokit's migrations in order; then
   *     nothing is changed
   */
  public SchemaInfo adoptLegacyHistory(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    LegacyLayout.carryOver(dataSource, this);
    return info(dataSource);
  }

  /**
   * Reads which migrations are applied and which are pending.
   *
   * @param dataSource the database
   * @return the applied and pending migrations
   */
  public SchemaInfo info(DataSource dataSource) {
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
  public RollbackPlan planRollback(DataSource dataSource, int targetVersion) {
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
        missing.add(
            "V"
                + applied.version()
                + " ("
                + ROLLBACK_RESOURCE_DIRECTORY
                + script
                + (applied.version() > latestVersion()
                    ? "; a newer release made it and has its down script"
                    : "")
                + ")");
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
  public SchemaInfo rollbackTo(DataSource dataSource, int targetVersion) {
    RollbackPlan plan = planRollback(dataSource, targetVersion);
    for (RollbackPlan.Step step : plan.steps()) {
      log.info("todokit: rolling back version {} with {}", step.version(), step.script());
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
            PreparedStatement forget =
                connection.prepareStatement(
                    "DELETE FROM " + qualified(HISTORY_TABLE) + " WHERE version = ?")) {
          // The down scripts name todokit's objects unqualified, as the migrations do: they run
          // with todokit's schema first on the path, for this transaction only.
          try (PreparedStatement path =
              connection.prepareStatement(
                  "SELECT set_config('search_path', quote_ident(?) || ', pg_catalog', true)")) {
            path.setString(1, schemaName);
            path.execute();
          }
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
  public VerificationReport verify(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    List<Check> checks = new ArrayList<>();
    checks.add(versionCheck(dataSource));
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      checks.addAll(ExpectedSchema.load().compare(Catalog.read(connection, schemaName)));
      for (DataCheck dataCheck : DataCheck.ALL) {
        checks.add(dataCheck.run(connection, quoted(schemaName)));
      }
    } catch (SQLException e) {
      throw new SchemaException("could not read the database catalog: " + e.getMessage(), e);
    }
    return new VerificationReport(checks);
  }

  private Check versionCheck(DataSource dataSource) {
    String name = "migrations at head (V" + latestVersion() + ") in schema " + schemaName;
    SchemaInfo info;
    try {
      info = info(dataSource);
    } catch (SchemaException e) {
      return new Check(Kind.VERSION, name, false, e.getMessage());
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

  private Flyway flyway(DataSource dataSource, MigrationVersion target) {
    return flyway(dataSource, target, MIGRATIONS_LOCATION);
  }

  /** todokit's Flyway on this schema; tests add a location that stands for a newer release. */
  Flyway flyway(DataSource dataSource, MigrationVersion target, String... locations) {
    return Flyway.configure(TodoSchema.class.getClassLoader())
        .dataSource(dataSource)
        .locations(locations)
        .schemas(schemaName)
        .defaultSchema(schemaName)
        .createSchemas(true)
        .table(HISTORY_TABLE)
        // A schema that already holds a service's tables (public, say) is no obstacle: its own
        // history starts at an empty baseline 0, so that every migration of todokit's runs.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription("todokit starts in a schema that holds other tables")
        // Versions a newer release applied (a rolling deploy) are no error; migrate() reports them.
        // Flyway's default, stated because this class relies on it.
        .ignoreMigrationPatterns("*:future")
        .target(target)
        .cleanDisabled(true)
        .loggers("slf4j")
        .load();
  }

  /** {@code schema.name}, each quoted as PostgreSQL's {@code quote_ident} would. */
  String qualified(String name) {
    return quoted(schemaName) + "." + quoted(name);
  }

  /** The identifier in double quotes, with inner quotes doubled. */
  static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TodoSchema that && schemaName.equals(that.schemaName);
  }

  @Override
  public int hashCode() {
    return schemaName.hashCode();
  }

  @Override
  public String toString() {
    return "TodoSchema[" + schemaName + "]";
  }

  private static void requireKnownVersion(int version) {
    if (version < 1 || version > latestVersion()) {
      throw new SchemaException(
          "unknown schema version " + version + ": versions are 1 to " + latestVersion());
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
