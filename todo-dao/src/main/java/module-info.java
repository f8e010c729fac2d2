/**
 * todokit's DAOs: the {@code TodoDb} facade, its DAOs, their domain records and the exception
 * family.
 *
 * <p>Exported: the API packages and the jOOQ classes generated from todo-schema's migrations
 * ({@code io.todokit.schema.jooq…}, for users' own queries; their enum columns carry this module's
 * enums). Not exported: {@code io.todokit.dao.internal} (shared plumbing, public only so that the
 * feature packages can use it). Nothing is opened: no todokit type is mapped by reflection (jOOQ
 * records are read field by field, JSON goes through Jackson's tree model); {@code
 * consumers/modular} runs the DAOs on the module path to keep that true.
 */
// todo-schema and pgjdbc are automatic modules, with stable names (Automatic-Module-Name).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.todokit.dao {
  // Types of these modules appear in the API: TodoDb.create(DataSource | DSLContext, …) and
  // TodoSchema, the recurrence values of templates and tasks, the JSpecify nullness annotations.
  requires transitive java.sql;
  requires transitive org.jooq;
  requires transitive io.todokit.schema;
  requires transitive io.todokit.recurrence;
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires org.postgresql.jdbc;
  requires org.slf4j;
  // Compile time only (a provided dependency): javac and javadoc read the JAXB annotations of
  // jOOQ's Settings; nothing needs them at run time.
  requires static jakarta.xml.bind;

  exports io.todokit.dao;
  exports io.todokit.dao.conversations;
  exports io.todokit.dao.portability;
  exports io.todokit.dao.recurring;
  exports io.todokit.dao.reminders;
  exports io.todokit.dao.tags;
  exports io.todokit.dao.tasks;
  exports io.todokit.dao.users;
  exports io.todokit.schema.jooq;
  exports io.todokit.schema.jooq.enums;
  exports io.todokit.schema.jooq.tables;
  exports io.todokit.schema.jooq.tables.records;
}
