package io.todokit.schema;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link TodoSchema#verify}: every expected object and every data check, each passed
 * or failed.
 *
 * @param checks the checks in the order they ran
 */
public record VerificationReport(List<Check> checks) {

  /** Copies the checks. */
  public VerificationReport {
    checks = List.copyOf(checks);
  }

  /** True when every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** The checks that failed. */
  public List<Check> failures() {
    return checks.stream().filter(check -> !check.passed()).toList();
  }

  /**
   * One line per check and a summary, e.g. {@code [PASS] column tasks.due_at timestamp with time
   * zone NULL} … {@code 152 checks: 150 passed, 2 failed}.
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Check check : checks) {
      out.append(check.passed() ? "[PASS] " : "[FAIL] ")
          .append(check.kind().label)
          .append(' ')
          .append(check.name());
      if (!check.detail().isEmpty()) {
        out.append(" - ").append(check.detail());
      }
      out.append('\n');
    }
    int failed = failures().size();
    out.append(checks.size())
        .append(" checks: ")
        .append(checks.size() - failed)
        .append(" passed, ")
        .append(failed)
        .append(" failed")
        .append(failed == 0 ? " - schema OK" : " - schema NOT OK")
        .append('\n');
    return out.toString();
  }

  /** What a check looks at. */
  public enum Kind {
    /** The migration history. */
    VERSION("version"),
    /** A table. */
    TABLE("table"),
    /** A column with its type and nullability. */
    COLUMN("column"),
    /** An index. */
    INDEX("index"),
    /** A primary key, unique, foreign key or check constraint. */
    CONSTRAINT("constraint"),
    /** A trigger. */
    TRIGGER("trigger"),
    /** A function. */
    FUNCTION("function"),
    /** An enum type and its values. */
    TYPE("type"),
    /** A query over the data that must find no offending row. */
    DATA("data");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /**
   * One check.
   *
   * @param kind what it looks at
   * @param name the object or rule it checks, e.g. {@code tasks.due_at}
   * @param passed whether the database passed it
   * @param detail what was expected and found, empty when there is nothing to add
   */
  public record Check(Kind kind, String name, boolean passed, String detail) {
    /** Checks the arguments. */
    public Check {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
