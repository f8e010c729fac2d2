package io.todokit.examples.quickstart.docs;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.TodoDb;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tags.TagWithCount;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.TagFilter;
import io.todokit.dao.tasks.Task;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Tags: create, attach, filter tasks by any / all / none of them, count, duplicates. */
public final class Demo02Tags {

  private Demo02Tags() {}

  /**
   * What {@link #run} saw.
   *
   * @param workOrHome tasks tagged work or home
   * @param workAndUrgent tasks tagged both work and urgent
   * @param notUrgent tasks tagged work but not urgent
   * @param counts every tag with its number of tasks
   * @param duplicateField the field the duplicate tag was refused for
   */
  public record Result(
      List<Task> workOrHome,
      List<Task> workAndUrgent,
      List<Task> notUrgent,
      List<TagWithCount> counts,
      @Nullable String duplicateField) {}

  /**
   * Runs the sample.
   *
   * @param db the database
   * @param userId a user without tags or tasks
   * @return what the calls returned
   */
  public static Result run(TodoDb db, UUID userId) {
    // tag::tags-create[]
    Tag work = db.tags().create(userId, NewTag.named("work").withColor("#d73a49"));
    Tag home = db.tags().create(userId, NewTag.named("home"));
    Tag urgent = db.tags().create(userId, NewTag.named("urgent").withColor("#ff0000"));

    Task report =
        db.tasks().create(userId, NewTask.titled("Report").withTagIds(List.of(work.id())));
    db.tasks().create(userId, NewTask.titled("Slides").withTagIds(List.of(work.id())));
    db.tasks().create(userId, NewTask.titled("Laundry").withTagIds(List.of(home.id())));
    db.tags().addTag(userId, report.id(), urgent.id()); // or setTaskTags(...) to replace them all
    // end::tags-create[]

    // tag::tags-filter[]
    List<Task> workOrHome =
        db.tasks().withTags(userId, TagFilter.anyOf(List.of(work.id(), home.id())));
    List<Task> workAndUrgent =
        db.tasks().withTags(userId, TagFilter.allOf(List.of(work.id(), urgent.id())));
    TagFilter workNotUrgent = TagFilter.anyOf(List.of(work.id())).withNoneOf(List.of(urgent.id()));
    List<Task> notUrgent = db.tasks().withTags(userId, workNotUrgent);
    List<TagWithCount> counts = db.tags().list(userId); // by name, with their number of tasks
    // end::tags-filter[]

    String field = null;
    // tag::tags-duplicate[]
    try {
      db.tags().create(userId, NewTag.named("Work")); // names are unique per user, in any case
    } catch (DuplicateException e) {
      field = e.field(); // "name": a service answers 409 Conflict
    }
    // end::tags-duplicate[]
    return new Result(workOrHome, workAndUrgent, notUrgent, counts, field);
  }
}
