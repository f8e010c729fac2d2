package io.todokit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.TodoDb;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tags.TagWithCount;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the TodoDb bean behaves inside Spring: its calls join Spring transactions as savepoints, and
 * its errors are todokit's, not Spring's.
 */
class TransactionsIT extends ServiceTest {

  @Autowired TodoDb db;
  @Autowired DSLContext bootDsl;
  @Autowired TransactionTemplate transactions;

  @Test
  void daoCallsInsideASpringTransactionCommitOrRollBackWithIt() {
    UUID user = newUser();

    transactions.executeWithoutResult(
        status -> {
          db.tags().create(user, NewTag.named("draft"));
          status.setRollbackOnly();
        });
    transactions.executeWithoutResult(status -> db.tags().create(user, NewTag.named("kept")));

    assertThat(db.tags().list(user)).extracting(t -> t.tag().name()).containsExactly("kept");
  }

  @Test
  void aFailedDaoCallInsideASpringTransactionRollsBackToItsSavepointOnly() {
    UUID user = newUser();

    transactions.executeWithoutResult(
        status -> {
          db.tags().create(user, NewTag.named("first"));
          assertThatThrownBy(() -> db.tags().create(user, NewTag.named("FIRST")))
              .isInstanceOf(DuplicateException.class);
          // The transaction is still usable: the failed insert was undone to its savepoint.
          db.tags().create(user, NewTag.named("second"));
        });

    assertThat(db.tags().list(user))
        .extracting(TagWithCount::tag)
        .extracting(t -> t.name())
        .containsExactly("first", "second");
  }

  @Test
  void todoDbTransactionsBecomeSavepointsOfTheSpringTransaction() {
    UUID user = newUser();

    transactions.executeWithoutResult(
        status -> {
          db.transaction(tx -> tx.tags().create(user, NewTag.named("inner")));
          status.setRollbackOnly();
        });

    assertThat(db.tags().list(user)).isEmpty();
  }

  @Test
  void onBootsOwnDslContextErrorsAreTodokitsNotSprings() {
    UUID user = newUser();
    TodoDb onBootsContext = TodoDb.create(bootDsl);
    onBootsContext.tags().create(user, NewTag.named("work"));

    // Boot's ExceptionTranslatorExecuteListener turns the SQL error into a DuplicateKeyException
    // first; todokit still finds the PostgreSQL error in the cause chain.
    assertThatThrownBy(() -> onBootsContext.tags().create(user, NewTag.named("Work")))
        .isInstanceOf(DuplicateException.class)
        .hasMessage("name: already taken")
        .hasCauseInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> db.tags().create(user, NewTag.named("work")))
        .isInstanceOf(DuplicateException.class)
        .hasMessage("name: already taken");
  }
}
