package io.todokit.cli;

import io.todokit.schema.SchemaStep;
import io.todokit.schema.SchemaVersion;
import io.todokit.schema.TodoSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.sql.DataSource;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a schema version from the command line, as a number or a step's name, and names versions in
 * output ({@code V5 task_priority}).
 */
final class SchemaVersions implements ITypeConverter<Integer> {

  /** What to say about a database that a newer release migrated (a rolling deploy). */
  static final String AHEAD_ADVICE =
      "this release keeps working as long as the newer release keeps the schema compatible";

  /**
   * {@link TodoSchema#checkVersion} on a connection of its own.
   *
   * @throws CliException (exit 3) when the database cannot be read
   */
  static SchemaVersion check(TodoSchema schema, DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return schema.checkVersion(connection);
    } catch (SQLException e) {
      throw new CliException(
          ExitCode.SCHEMA_FAILED, "could not read the schema version: " + e.getMessage(), e);
    }
  }

  /**
   * A number from 0 (nothing of todokit) to the head, or a step's name in any case with {@code -}
   * or {@code _}, or the unique beginning of one ({@code conversations} is version 4).
   */
  @Override
  public Integer convert(String text) {
    String value = text.strip();
    if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
      int version;
      try {
        version = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        version = -1;
      }
      if (version < 0 || version > SchemaStep.head().version()) {
        throw new TypeConversionException(
            "no schema version " + value + ": versions are 0 to " + SchemaStep.head().version());
      }
      return version;
    }
    String wanted = value.toLowerCase(Locale.ROOT).replace('-', '_');
    List<SchemaStep> exact = matching(step -> name(step).equals(wanted));
    List<SchemaStep> prefixed = matching(step -> name(step).startsWith(wanted));
    List<SchemaStep> found = exact.isEmpty() ? prefixed : exact;
    if (found.size() == 1 && !wanted.isEmpty()) {
      return found.getFirst().version();
    }
    throw new TypeConversionException(
        (found.isEmpty() ? "no schema step is called '" : "'")
            + value
            + (found.isEmpty() ? "'" : "' could be " + names(found))
            + "; give a version 0 to "
            + SchemaStep.head().version()
            + " or one of "
            + names(Arrays.asList(SchemaStep.values())));
  }

  /**
   * {@code V5 task_priority}; {@code V0 (empty)} for version 0, and {@code V12 (newer than this
   * release)} for a version that only a newer release knows.
   */
  static String label(int version) {
    if (version == 0) {
      return "V0 (empty)";
    }
    if (version > SchemaStep.head().version()) {
      return "V" + version + " (newer than this release)";
    }
    return "V" + version + " " + name(SchemaStep.of(version));
  }

  /** {@code task_priority}: the step's part of its script names. */
  static String name(SchemaStep step) {
    String script = step.migrationScript();
    return script.substring(script.indexOf("__") + 2, script.length() - ".sql".length());
  }

  private static List<SchemaStep> matching(Predicate<SchemaStep> test) {
    return Arrays.stream(SchemaStep.values()).filter(test).toList();
  }

  private static String names(List<SchemaStep> steps) {
    return String.join(
        ", ",
        steps.stream().map(step -> step.version() + "=" + name(step).replace('_', '-')).toList());
  }
}
