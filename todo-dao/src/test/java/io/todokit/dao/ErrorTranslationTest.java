package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import java.util.Arrays;
import java.util.UUID;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;

/**
 * SQL errors reach callers as todokit exceptions, also when the DSLContext belongs to a framework
 * that translates exceptions itself (Spring Boot's jOOQ support replaces them with its own).
 */
class ErrorTranslationTest extends DaoTestSupport {

  /** Stands in for a framework's exception type, such as Spring's DuplicateKeyException. */
  static final class FrameworkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FrameworkException(Throwable cause) {
      super("translated by the framework", cause);
    }
  }

  private static TodoDb frameworkDb() {
    return TodoDb.create(
        DSL.using(
            new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(
                    ExecuteListener.onException(
                        context ->
                            context.exception(new FrameworkException(context.sqlException()))))));
  }

  @Test
  void aDuplicateIsADuplicateExceptionBehindAFrameworksTranslator() {
    UUID user = newUser();
    TodoDb db = frameworkDb();
    db.tags().create(user, NewTag.named("Home"));

    assertThatThrownBy(() -> db.tags().create(user, NewTag.named("home")))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"))
        .hasRootCauseInstanceOf(org.postgresql.util.PSQLException.class);
    assertThat(count("SELECT count(*) FROM tags WHERE user_id = ?", user)).isEqualTo(1);
  }

  @Test
  void aTodoExceptionThrownInsideATransactionLeavesItUnchanged() {
    UUID user = newUser();
    TodoDb db = frameworkDb();
    Tag tag = db.tags().create(user, NewTag.named("Errands"));
    UUID missing = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                db.transaction(
                    tx -> {
                      tx.tasks().create(user, NewTask.titled("kept only with its tag"));
                      tx.tags().setTaskTags(user, missing, java.util.List.of(tag.id()));
                    }))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("task"));
    assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user))
        .as("the whole transaction rolled back")
        .isZero();
  }

  @Test
  void aNullTagIdIsAValidationErrorNamingTheField() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("tagged"));

    assertThatThrownBy(
            () -> db.tags().setTaskTags(user, task.id(), Arrays.asList(UUID.randomUUID(), null)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("tag_ids"));
  }
}
