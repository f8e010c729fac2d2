package io.todokit.schema;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The schema version a database is at, next to the one this release of todokit needs, as {@link
 * TodoSchema#checkVersion} reads it.
 *
 * @param schema the PostgreSQL schema that was read ({@link TodoSchema#schemaName()})
 * @param found the newest successfully applied version, 0 when there is no migration history or no
 *     successful migration in it
 * @param needed the version this release needs: {@link TodoSchema#latestVersion()}
 * @param legacySchema when {@code found} is 0: the schema that holds todokit's tables in the layout
 *     of a release before 0.1.0 (history in {@code flyway_schema_history}), if there is one; {@link
 *     TodoSchema#migrate} on that schema carries it over
 */
public record SchemaVersion(String schema, int found, int needed, @Nullable String legacySchema) {

  /** Checks the arguments. */
  public SchemaVersion {
    Objects.requireNonNull(schema, "schema");
    if (found < 0) {
      throw new IllegalArgumentException("found must not be negative (was " + found + ")");
    }
    if (needed < 1) {
      throw new IllegalArgumentException("needed must be at least 1 (was " + needed + ")");
    }
    if (legacySchema != null && found != 0) {
      throw new IllegalArgumentException("legacySchema is only known when found is 0");
    }
  }

  /** Whether the database is behind, at, or ahead of the version this release needs. */
  public SchemaState state() {
    return SchemaState.of(found, needed);
  }

  /**
   * One sentence for logs and exceptions. When the database is {@linkplain SchemaState#BEHIND
   * behind}, it says the version found, the version needed and how to migrate, e.g. {@code todokit
   * schema "todokit" is at version 5, but this release needs version 13: migrate it with
   * TodoSchema.in("todokit").migrate(dataSource) or todo-cli migrate --schema todokit}.
   */
  public String describe() {
    String named = "todokit schema \"" + schema + "\"";
    return switch (state()) {
      case BEHIND -> {
        if (legacySchema != null && !legacySchema.equals(schema)) {
          yield named
              + " does not exist yet, but schema \""
              + legacySchema
              + "\" holds todokit's tables as a release before 0.1.0 left them (history in "
              + legacySchema
              + "."
              + TodoSchema.LEGACY_HISTORY_TABLE
              + "): keep them there with schema \""
              + legacySchema
              + "\" (TodoSchema.in(\""
              + legacySchema
              + "\"), todo-cli --schema "
              + legacySchema
              + "), whose migrate carries them over";
        }
        yield (found == 0
                ? named + " has no todokit migrations applied (version 0)"
                : named + " is at version " + found)
            + (legacySchema != null
                ? ", but holds todokit's tables as a release before 0.1.0 left them"
                : "")
            + ", but this release needs version "
            + needed
            + ": migrate it with TodoSchema.in(\""
            + schema
            + "\").migrate(dataSource) or todo-cli migrate --schema "
            + schema
            + (legacySchema != null ? ", which carries the old history over" : "");
      }
      case CURRENT -> named + " is at version " + found + ", as this release needs";
      case AHEAD ->
          named
              + " is at version "
              + found
              + ", ahead of this release (which knows up to "
              + needed
              + "); this release keeps working as long as the newer release keeps the schema"
              + " compatible";
    };
  }
}
