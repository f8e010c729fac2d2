package io.todokit.dao.portability;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.SqlErrors;
import io.todokit.schema.TodoSchema;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A user's data in and out: exports one user's or every user's rows as newline-delimited JSON, and
 * imports such a file through COPY, one transaction per user; use {@code TodoDb.portability()} to
 * get one.
 *
 * <p>The format (see docs/portability.md): a header line {@code {"type": "header", "format": 1,
 * "schema_version": N}}, then each user's records, contiguous: the {@code users} record, then its
 * {@code tags}, {@code recurring_tasks}, {@code tasks}, {@code task_tags}, {@code reminders},
 * {@code conversations} and {@code messages}, each one JSON object with a {@code type} and every
 * column of its row (instants as UTC ISO-8601 with microseconds, intervals as ISO-8601 durations,
 * JSON columns as JSON). Records are ordered by user and primary key, so exporting what an import
 * wrote gives the same bytes.
 *
 * <p>Both directions stream: an export holds one fetch of each table's cursor, an import one COPY
 * buffer, whatever the size. An export reads one snapshot (a REPEATABLE READ, READ ONLY
 * transaction); an import writes each user in one transaction and refuses a user who already exists
 * (same id, username or email) with a {@code DuplicateException}: it never merges or overwrites.
 * Calls run on a connection of their own, not inside {@code TodoDb.transaction}. Instances are
 * immutable and thread-safe.
 */
public final class Portability {

  /** The version of the format this release writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final LongConsumer SILENT = lines -> {};

  private final DaoContext context;
  private final LongConsumer progress;
  private final Importer.Limits limits;

  static {
    DaoAccess.register(Portability.class, Portability::new);
  }

  private Portability(DaoContext context) {
    this(context, SILENT, Importer.Limits.DEFAULT);
  }

  private Portability(DaoContext context, LongConsumer progress, Importer.Limits limits) {
    this.context = Objects.requireNonNull(context, "context");
    this.progress = progress;
    this.limits = limits;
  }

  /**
   * The same exports and imports, telling {@code progress} how many lines they have written or read
   * so far (every 10,000 lines, after each imported user, and once at the end).
   *
   * @param progress called on the calling thread with the lines so far
   * @return a Portability reporting its progress
   */
  public Portability withProgress(LongConsumer progress) {
    return new Portability(context, Objects.requireNonNull(progress, "progress"), limits);
  }

  /** The same, importing with other batch limits (tests make them small). */
  Portability withImportLimits(Importer.Limits limits) {
    return new Portability(context, progress, Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Writes one user's data to {@code out} (UTF-8, one JSON object a line), from one snapshot.
   *
   * @param userId the user
   * @param out where to write; flushed, not closed
   * @return the rows written per table
   * @throws NotFoundException with entity {@code user} when there is no such user
   * @throws UncheckedIOException when writing to {@code out} fails
   */
  public ExportReport exportUser(UUID userId, OutputStream out) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(out, "out");
    return export(userId, out);
  }

  /**
   * Writes every user's data to {@code out} (UTF-8, one JSON object a line), from one snapshot.
   *
   * @param out where to write; flushed, not closed
   * @return the rows written per table
   * @throws UncheckedIOException when writing to {@code out} fails
   */
  public ExportReport exportAll(OutputStream out) {
    Objects.requireNonNull(out, "out");
    return export(null, out);
  }

  /**
   * Reads a file of the format and writes it, each user in one transaction, through COPY.
   *
   * @param in the file (UTF-8); read to its end, not closed
   * @return the users imported and their rows per table
   * @throws ValidationException when a record is invalid; {@code field()} names the line and the
   *     column, such as {@code line 17: tasks.title}; nothing of that user is written, the users
   *     before it stay imported
   * @throws io.todokit.dao.DuplicateException when a user of the file already exists (field {@code
   *     line N: users.id}, {@code users.username} or {@code users.email}), or a row's key is taken;
   *     nothing of that user is written
   * @throws UncheckedIOException when reading {@code in} fails
   */
  public ImportReport importFrom(InputStream in) {
    Objects.requireNonNull(in, "in");
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            1 << 16);
    return onConnection(
        connection ->
            new Importer(
                    connection, catalog(connection), schema(), context.timeouts(), progress, limits)
                .run(reader));
  }

  private ExportReport export(@Nullable UUID userId, OutputStream out) {
    BufferedWriter writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    return onConnection(
        connection -> {
          connection.setAutoCommit(false);
          connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          connection.setReadOnly(true);
          try {
            try (PreparedStatement settings =
                connection.prepareStatement(
                    "SELECT set_config('IntervalStyle', 'iso_8601', true),"
                        + " set_config('TimeZone', 'UTC', true),"
                        + " set_config('statement_timeout', ?, true)")) {
              settings.setString(1, Long.toString(context.timeouts().statement().toMillis()));
              settings.execute();
            }
            if (userId != null) {
              requireUser(connection, userId);
            }
            ExportReport report =
                new Exporter(connection, catalog(connection), schema(), writer, progress)
                    .run(userId, TodoSchema.latestVersion());
            connection.commit();
            return report;
          } catch (SQLException | IOException | RuntimeException e) {
            try {
              connection.rollback();
            } catch (SQLException cleanup) {
              e.addSuppressed(cleanup);
            }
            throw e;
          } finally {
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
          }
        });
  }

  private void requireUser(Connection connection, UUID userId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT 1 FROM " + Sql.table(schema(), "users") + " WHERE id = ?")) {
      statement.setObject(1, userId);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new NotFoundException("user", userId);
        }
      }
    }
  }

  private Catalog catalog(Connection connection) throws SQLException {
    return Catalog.read(connection, schema());
  }

  private String schema() {
    // The one name DaoContext gives out with the schema in it: a function's qualified name.
    return Objects.requireNonNull(context.function("users").first(), "schema");
  }

  /** Work on one pooled connection of its own, with every failure in todokit's family. */
  private <T> T onConnection(ConnectionWork<T> work) {
    try {
      T result =
          context
              .dsl()
              .connectionResult(
                  connection -> {
                    if (!connection.getAutoCommit()) {
                      throw new IllegalStateException(
                          "export and import run their own transactions: call them outside"
                              + " TodoDb.transaction");
                    }
                    try {
                      return work.run(connection);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  });
      return Objects.requireNonNull(result, "result");
    } catch (TodoException | UncheckedIOException | IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException io) {
        throw io;
      }
      if (cause instanceof TodoException todo) {
        throw todo;
      }
      throw SqlErrors.translate(e, null);
    }
  }

  @FunctionalInterface
  private interface ConnectionWork<T> {
    T run(Connection connection) throws SQLException, IOException;
  }
}
