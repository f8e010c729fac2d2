package io.todokit.examples.quickstart.docs;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoDb;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Transactions: several DAO calls that are all written, or none. */
public final class Demo07Transactions {

  private Demo07Transactions() {}

  /**
   * What {@link #run} saw.
   *
   * @param task the task created with its new tag in one transaction
   * @param failure what the failed transaction threw
   * @param tagsAfterFailure the user's tags after the failed transaction
   */
  public record Result(Task task, NotFoundException failure, List<String> tagsAfterFailure) {}

  /**
   * Runs the sample.
   *
   * @param db the database
   * @param userId a user without tags
   * @return what the calls returned
   */
  public static Result run(TodoDb db, UUID userId) {
    // tag::transactions[]
    Task task =
        db.transactionResult(
            tx -> { // make every call on tx, not on db
              Tag errands = tx.tags().create(userId, NewTag.named("errands"));
              NewTask milk = NewTask.titled("Buy milk").withTagIds(List.of(errands.id()));
              return tx.tasks().create(userId, milk);
            });
    // end::transactions[]

    NotFoundException failure = null;
    // tag::transactions-rollback[]
    List<UUID> notTheUsersTag = List.of(UUID.randomUUID());
    try {
      db.transaction(
          tx -> {
            tx.tags().create(userId, NewTag.named("someday"));
            tx.tasks().create(userId, NewTask.titled("Learn Finnish").withTagIds(notTheUsersTag));
          });
    } catch (NotFoundException e) {
      failure = e; // nothing is written: the "someday" tag is rolled back too
    }
    // end::transactions-rollback[]
    List<String> tags = db.tags().list(userId).stream().map(tag -> tag.tag().name()).toList();
    return new Result(task, Objects.requireNonNull(failure), tags);
  }
}
