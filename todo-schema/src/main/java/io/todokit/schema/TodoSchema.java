package io.todokit.schema;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
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

  private static final int MAX_IDENTIFIER_BYTES = 63;
  private static final TodoSchema STANDARD = new TodoSchema(DEFAULT_SCHEMA);
  static final Logger log = LoggerFactory.getLogger(TodoSchema.class);

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
    return VersionQuery.read(this, connection);
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
    return Rollbacks.plan(this, dataSource, targetVersion);
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
    return Rollbacks.rollBack(this, dataSource, targetVersion);
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
    return Verification.verify(this, dataSource);
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

  static void requireKnownVersion(int version) {
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
}
