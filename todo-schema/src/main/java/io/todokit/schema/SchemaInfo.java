package io.todokit.schema;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a database stands in todokit's migration history.
 *
 * @param currentVersion the newest applied version, 0 when none is applied
 * @param applied the applied migrations, oldest first
 * @param pending the migrations not applied yet, oldest first
 */
public record SchemaInfo(int currentVersion, List<Applied> applied, List<Pending> pending) {

  /** Validates and copies the lists. */
  public SchemaInfo {
    applied = List.copyOf(applied);
    pending = List.copyOf(pending);
  }

  /**
   * True when every migration this release knows is applied and none failed; also true for a
   * database {@linkplain SchemaState#AHEAD ahead} of this release, which keeps working with it.
   */
  public boolean upToDate() {
    return pending.isEmpty() && applied.stream().allMatch(Applied::success);
  }

  /** The newest version this release ships: {@link TodoSchema#latestVersion()}. */
  public int latestVersion() {
    return TodoSchema.latestVersion();
  }

  /** Whether the database is behind, at, or ahead of the newest version this release ships. */
  public SchemaState state() {
    return SchemaState.of(currentVersion, latestVersion());
  }

  /**
   * True when the history records a failed migration (rare: PostgreSQL's transactional DDL rolls a
   * failed migration back together with its history row).
   */
  public boolean failedMigrationRecorded() {
    return applied.stream().anyMatch(migration -> !migration.success());
  }

  /**
   * Where the database stands, in a few words: {@code up to date}, {@code 7 pending}, {@code a
   * failed migration is recorded}, or {@code ahead of this release (database at 12, this release
   * knows up to 11)}.
   */
  public String describe() {
    if (failedMigrationRecorded()) {
      return "a failed migration is recorded";
    }
    return switch (state()) {
      case AHEAD ->
          "ahead of this release (database at "
              + currentVersion
              + ", this release knows up to "
              + latestVersion()
              + ")";
      case CURRENT -> "up to date";
      case BEHIND -> pending.size() + " pending";
    };
  }

  /**
   * An applied migration, as recorded in Flyway's history table.
   *
   * @param version the version
   * @param description the description
   * @param script the script's file name
   * @param installedOn when it was applied, if recorded
   * @param success false when the migration failed
   */
  public record Applied(
      int version,
      String description,
      String script,
      @Nullable Instant installedOn,
      boolean success) {
    /** Checks the arguments. */
    public Applied {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(script, "script");
    }
  }

  /**
   * A migration that is not applied yet.
   *
   * @param version the version
   * @param description the description
   * @param script the script's file name
   */
  public record Pending(int version, String description, String script) {
    /** Checks the arguments. */
    public Pending {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(script, "script");
    }
  }
}
