package io.todokit.schema;

import java.util.List;

/**
 * How each of todokit's tables is laid out when the database is distributed with Citus on {@code
 * user_id}: the one place that says which tables are tenant tables and which are reference tables
 * (docs/distributed.md); the distribution script ({@value #SCRIPT}) and the catalog checks follow
 * it.
 *
 * <p>Stateless and thread-safe.
 */
public final class Distribution {

  /** The class-path resource of the one-time distribution script. */
  public static final String SCRIPT = "db/todokit/citus/distribute.sql";

  /** The column every tenant table is distributed on. */
  public static final String DISTRIBUTION_COLUMN = "user_id";

  private Distribution() {}

  /**
   * The tenant tables, in the order in which they are distributed (a table after those its foreign
   * keys reference): each has {@code user_id} in its primary key, in every unique constraint and in
   * every foreign key to another tenant table, and all are colocated with {@code tasks}.
   *
   * @return the table names
   */
  public static List<String> tenantTables() {
    return List.of(
        "recurring_tasks",
        "tasks",
        "tags",
        "task_tags",
        "conversations",
        "messages",
        "reminders",
        "task_effects");
  }

  /**
   * The reference tables, copied whole to every node: {@code users}, whose {@code username} and
   * {@code lower(email)} are unique across all users, so that it cannot be split by user. Every
   * write to it is a write on every node.
   *
   * @return the table names
   */
  public static List<String> referenceTables() {
    return List.of("users");
  }
}
