package io.todokit.schema;

import java.util.List;
import java.util.Objects;

/**
 * The down scripts that roll a database back to a version, newest first.
 *
 * @param fromVersion the version the database is at
 * @param toVersion the version it will be at after the rollback (0: nothing of todokit left)
 * @param steps the down scripts to run, newest first; empty when there is nothing to undo
 */
public record RollbackPlan(int fromVersion, int toVersion, List<Step> steps) {

  /** Copies the steps. */
  public RollbackPlan {
    steps = List.copyOf(steps);
  }

  /**
   * One down script.
   *
   * @param version the version it undoes
   * @param script the down script's file name
   * @param sql the SQL it runs
   */
  public record Step(int version, String script, String sql) {
    /** Checks the arguments. */
    public Step {
      Objects.requireNonNull(script, "script");
      Objects.requireNonNull(sql, "sql");
    }
  }
}
