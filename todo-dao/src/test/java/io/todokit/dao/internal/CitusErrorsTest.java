package io.todokit.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoException;
import io.todokit.dao.ValidationException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Errors as a Citus coordinator passes them on from a worker: without the CONSTRAINT field, with
 * the shard id appended to the table's and the constraint's names in the message.
 */
class CitusErrorsTest {

  /**
   * A server error of the given fields (PostgreSQL's wire format: a type letter, then the text).
   */
  private static RuntimeException error(String sqlState, String message, String... more) {
    StringBuilder fields =
        new StringBuilder("SERROR\0VERROR\0C").append(sqlState).append("\0M").append(message);
    for (String field : more) {
      fields.append('\0').append(field);
    }
    fields.append('\0');
    return new DataAccessException(
        "boom", new PSQLException(new ServerErrorMessage(fields.toString())));
  }

  private static TodoException translate(RuntimeException error) {
    return SqlErrors.translate(error, null);
  }

  @Test
  void aDuplicateNamesItsFieldFromTheShardSuffixedNameInTheMessage() {
    assertThat(
            translate(
                error(
                    "23505",
                    "duplicate key value violates unique constraint \"tags_user_name_key_102008\"")))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"));
    assertThat(
            translate(
                error(
                    "23505",
                    "duplicate key value violates unique constraint \"users_username_key\"")))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("username"));
  }

  @Test
  void aCheckViolationNamesItsFieldFromTheMessage() {
    assertThat(
            translate(
                error(
                    "23514",
                    "new row for relation \"recurring_tasks_102040\" violates check constraint"
                        + " \"recurring_tasks_time_zone_valid_102040\"")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("time_zone");
              assertThat(e.getMessage())
                  .isEqualTo("time_zone: violates recurring_tasks_time_zone_valid");
            });
  }

  @Test
  void aForeignKeyViolationNamesTheEntityAndTheMissingId() {
    assertThat(
            translate(
                error(
                    "23503",
                    "insert or update on table \"task_tags_102072\" violates foreign key constraint"
                        + " \"task_tags_tag_fkey_102072\"",
                    "DKey (user_id, tag_id)=(0f5b2c8e-1d7a-4b57-9c1e-2a9d7f0e0001,"
                        + " 0f5b2c8e-1d7a-4b57-9c1e-2a9d7f0e0002) is not present in table"
                        + " \"tags_102040\".")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("tag");
              assertThat(e.id()).isEqualTo("0f5b2c8e-1d7a-4b57-9c1e-2a9d7f0e0002");
            });
  }

  @Test
  void theMessageSequenceTriggersErrorIsReadFromItsMessage() {
    assertThat(
            translate(
                error(
                    "23503",
                    "insert or update on table \"messages\" violates foreign key constraint"
                        + " \"messages_conversation_fkey\"",
                    "DKey (user_id, conversation_id)=(0f5b2c8e-1d7a-4b57-9c1e-2a9d7f0e0001,"
                        + " 0f5b2c8e-1d7a-4b57-9c1e-2a9d7f0e0003) is not present in table"
                        + " \"conversations\".")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("conversation");
              assertThat(e.id()).isEqualTo("0f5b2c8e-1d7a-4b57-9c1e-2a9d7f0e0003");
            });
  }

  @Test
  void theConstraintFieldWinsAndIsAlsoFreedOfAShardSuffix() {
    assertThat(
            translate(
                error(
                    "23514",
                    "violates check constraint \"tasks_title_length\"",
                    "ntasks_description_length_102008")))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("description"));
  }

  @Test
  void unknownNamesAndDigitsThatAreNotAShardSuffixAreKept() {
    assertThat(SqlErrors.withoutShardSuffix("some_other_key_7")).isEqualTo("some_other_key_7");
    assertThat(SqlErrors.withoutShardSuffix("tasks_title_length")).isEqualTo("tasks_title_length");
    assertThat(SqlErrors.withoutShardSuffix("tasks_title_length_1"))
        .isEqualTo("tasks_title_length");
    assertThat(translate(error("23505", "duplicate key value violates unique constraint \"x_9\"")))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("x_9"));
    assertThat(translate(error("23505", "duplicate key value")))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("unknown"));
  }

  @Test
  void aWorkersFailureIsDescribedWithTheSchemasNames() {
    assertThat(
            Failures.describe(
                error(
                    "23514",
                    "new row for relation \"tasks_102008\" violates check constraint"
                        + " \"tasks_title_length_102008\""),
                200))
        .isEqualTo(
            "new row for relation \"tasks\" violates check constraint \"tasks_title_length\""
                + " (SQLState 23514)");
  }
}
