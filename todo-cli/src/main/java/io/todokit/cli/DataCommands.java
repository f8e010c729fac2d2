package io.todokit.cli;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.TodoDb;
import io.todokit.dao.TodoException;
import io.todokit.dao.ValidationException;
import io.todokit.schema.TodoSchema;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** What {@code export} and {@code import} share: the TodoDb, the progress line, the errors. */
final class DataCommands {

  private DataCommands() {}

  /** The TodoDb on the database, with no statement timeout (a large user's COPY takes long). */
  static TodoDb todoDb(DataSource dataSource, TodoSchema schema) {
    return TodoDb.create(dataSource, schema)
        .withTimeouts(java.time.Duration.ZERO, java.time.Duration.ofSeconds(5));
  }

  /**
   * A progress line on an interactive terminal ({@code \r}, rewritten in place), nothing otherwise.
   */
  static LongConsumer progress(Io io, String verb) {
    PrintWriter line = io.progress();
    if (line == null) {
      return lines -> {};
    }
    return lines -> {
      line.printf("\r%s %,d lines", verb, lines);
      line.flush();
    };
  }

  /** Ends the progress line, if there is one. */
  static void endProgress(Io io) {
    PrintWriter line = io.progress();
    if (line != null) {
      line.println();
      line.flush();
    }
  }

  /** Runs an export or import, turning todokit's errors into one line with exit code 4. */
  static <T> T run(Io io, Supplier<T> work) {
    try {
      return work.get();
    } catch (ValidationException e) {
      throw new CliException(ExitCode.DATA_FAILED, "refused: " + e.getMessage(), e);
    } catch (DuplicateException e) {
      Throwable why = e.getCause();
      throw new CliException(
          ExitCode.DATA_FAILED,
          "refused: "
              + e.field()
              + ": already exists"
              + (why != null && why.getMessage() != null ? " (" + why.getMessage() + ")" : ""),
          e);
    } catch (TodoException e) {
      throw new CliException(ExitCode.DATA_FAILED, String.valueOf(e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCode.DATA_FAILED, "input/output failed: " + e.getMessage(), e);
    } finally {
      endProgress(io);
    }
  }

  /** {@code users 2, tags 5, tasks 100000, …}. */
  static String counts(Map<String, Long> rows) {
    StringBuilder text = new StringBuilder();
    rows.forEach(
        (table, count) -> {
          if (!text.isEmpty()) {
            text.append(", ");
          }
          text.append(table).append(' ').append(count);
        });
    return text.toString();
  }
}
