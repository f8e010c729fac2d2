package io.todokit.schema;

/**
 * The schema version a database is at, next to the one this release of todokit needs, as {@link
 * TodoSchema#checkVersion} reads it.
 *
 * @param found the newest successfully applied version, 0 when there is no migration history or no
 *     successful migration in it
 * @param needed the version this release needs: {@link TodoSchema#latestVersion()}
 */
public record SchemaVersion(int found, int needed) {

  /** Checks the arguments. */
  public SchemaVersion {
    if (found < 0) {
      throw new IllegalArgumentException("found must not be negative (was " + found + ")");
    }
    if (needed < 1) {
      throw new IllegalArgumentException("needed must be at least 1 (was " + needed + ")");
    }
  }

  /** Whether the database is behind, at, or ahead of the version this release needs. */
  public SchemaState state() {
    return SchemaState.of(found, needed);
  }

  /**
   * One sentence for logs and exceptions. When the database is {@linkplain SchemaState#BEHIND
   * behind}, it says the version found, the version needed and how to migrate, e.g. {@code the
   * database is at todokit schema version 5, but this release needs version 11: migrate it with
   * TodoSchema.migrate(dataSource) or todo-cli migrate}.
   */
  public String describe() {
    return switch (state()) {
      case BEHIND ->
          (found == 0
                  ? "the database has no todokit schema (version 0)"
                  : "the database is at todokit schema version " + found)
              + ", but this release needs version "
              + needed
              + ": migrate it with TodoSchema.migrate(dataSource) or todo-cli migrate";
      case CURRENT ->
          "the database is at todokit schema version " + found + ", as this release needs";
      case AHEAD ->
          "the database is at todokit schema version "
              + found
              + ", ahead of this release (which knows up to "
              + needed
              + "); this release keeps working as long as the newer release keeps the schema"
              + " compatible";
    };
  }
}
