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

  /** True when every known migration is applied and none failed. */
  public boolean upToDate() {
    return pending.isEmpty() && applied.stream().allMatch(Applied::success);
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
