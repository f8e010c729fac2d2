package io.todokit.dao.portability;

import java.util.List;
import java.util.Set;

/**
 * The tables a user's data lives in, in the order the file holds them (a table after the tables its
 * foreign keys point to). Their columns, types and primary keys are read from the catalog, so a new
 * column is exported and imported without a change here; a new table is one entry.
 */
final class PortableTables {

  /**
   * How the importer writes a table: straight into it with COPY, or with COPY into a temporary
   * table first, when an insert trigger would otherwise change what the file says (the reminders'
   * scheduling trigger, the messages' sequence trigger and the conversation it bumps).
   */
  enum Loading {
    COPY,
    STAGED
  }

  /**
   * One table.
   *
   * @param name its name in todokit's schema
   * @param userColumn the column naming the user the row belongs to
   * @param loading how the importer writes it
   */
  record Table(String name, String userColumn, Loading loading) {

    boolean isUsers() {
      return name.equals("users");
    }
  }

  /** Every table, parents first; add a table here (and only here) to carry it in the format. */
  static final List<Table> ALL =
      List.of(
          new Table("users", "id", Loading.COPY),
          new Table("tags", "user_id", Loading.COPY),
          new Table("recurring_tasks", "user_id", Loading.COPY),
          new Table("tasks", "user_id", Loading.COPY),
          new Table("task_tags", "user_id", Loading.COPY),
          new Table("reminders", "user_id", Loading.STAGED),
          new Table("conversations", "user_id", Loading.STAGED),
          new Table("messages", "user_id", Loading.STAGED),
          new Table("task_effects", "user_id", Loading.COPY));

  /**
   * Reminder columns that the importer restores after the insert (the scheduling trigger re-arms a
   * new reminder): every column but the key and the two the trigger reads.
   */
  static final Set<String> REMINDER_INPUTS = Set.of("user_id", "id", "at", "before_due");

  private PortableTables() {}

  /** The table of a record type, or null. */
  static @org.jspecify.annotations.Nullable Table byName(String name) {
    for (Table table : ALL) {
      if (table.name().equals(name)) {
        return table;
      }
    }
    return null;
  }

  /** The position of a table in the file's order. */
  static int indexOf(Table table) {
    return ALL.indexOf(table);
  }
}
