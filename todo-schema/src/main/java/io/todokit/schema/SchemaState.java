package io.todokit.schema;

/**
 * Where a database's schema stands relative to the newest version this release of todokit ships.
 */
public enum SchemaState {
  /** Older than this release needs: migrate it ({@code TodoSchema.migrate} or todo-cli migrate). */
  BEHIND,
  /** Exactly the version this release ships. */
  CURRENT,
  /**
   * Newer than this release knows: a newer release migrated it, e.g. during a rolling deploy. This
   * release keeps working as long as the newer release keeps the schema compatible.
   */
  AHEAD;

  /** The state of a database at {@code found} for a release that ships up to {@code latest}. */
  static SchemaState of(int found, int latest) {
    return found < latest ? BEHIND : found == latest ? CURRENT : AHEAD;
  }
}
