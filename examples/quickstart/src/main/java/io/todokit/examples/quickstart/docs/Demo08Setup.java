package io.todokit.examples.quickstart.docs;

import io.todokit.dao.TodoDb;
import io.todokit.schema.SchemaInfo;
import io.todokit.schema.SchemaStep;
import io.todokit.schema.TodoSchema;
import io.todokit.schema.VerificationReport;
import javax.sql.DataSource;

/** Setting up: migrating todokit's schema, making the TodoDb, and the schema operations. */
public final class Demo08Setup {

  private Demo08Setup() {}

  /**
   * What {@link #migrateAndConnect} and {@link #schemaOperations} saw.
   *
   * @param db the TodoDb made on the migrated database
   * @param info the schema's versions after the first migration
   * @param report the verification report
   * @param publicSchemaInfo the versions of the copy migrated into {@code public}
   */
  public record Result(
      TodoDb db, SchemaInfo info, VerificationReport report, SchemaInfo publicSchemaInfo) {}

  /**
   * Migrates an empty database and makes the TodoDb on it, as the README's setup does.
   *
   * @param dataSource an empty database
   * @return the TodoDb
   */
  public static TodoDb migrateAndConnect(DataSource dataSource) {
    // tag::setup[]
    TodoSchema.standard().migrate(dataSource); // or `todo-cli migrate` in your deploy
    TodoDb db = TodoDb.create(dataSource); // immutable and thread-safe: share one
    // end::setup[]
    return db;
  }

  /**
   * Runs the README's schema operations on an empty database.
   *
   * @param dataSource an empty database
   * @param secretBytes a cursor key, at least 16 bytes
   * @return what the calls returned
   */
  public static Result schemaOperations(DataSource dataSource, byte[] secretBytes) {
    // tag::schema-operations[]
    TodoSchema.standard().migrate(dataSource); // to head
    SchemaInfo info = TodoSchema.standard().info(dataSource); // applied and pending versions
    VerificationReport report = TodoSchema.standard().verify(dataSource);
    System.out.print(report.render()); // one line per check and a summary
    TodoSchema.standard().rollbackTo(dataSource, SchemaStep.CONVERSATIONS_AND_MESSAGES.version());
    TodoSchema.in("public").migrate(dataSource); // todokit's tables in another schema
    // end::schema-operations[]
    TodoSchema.standard().migrate(dataSource);
    // tag::cursor-key[]
    TodoDb db = TodoDb.create(dataSource).withCursorKey(secretBytes); // at least 16 bytes
    // end::cursor-key[]
    return new Result(db, info, report, TodoSchema.in("public").info(dataSource));
  }
}
