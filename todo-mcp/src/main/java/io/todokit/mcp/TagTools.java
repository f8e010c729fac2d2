package io.todokit.mcp;

import static io.todokit.tools.Schemas.arrayOf;
import static io.todokit.tools.Schemas.object;
import static io.todokit.tools.Schemas.string;
import static io.todokit.tools.Schemas.uuid;

import io.todokit.dao.TodoDb;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tags.Tag;
import io.todokit.tools.ToolSpec;
import io.todokit.tools.Views;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** create_tag, tag_task, untag_task (list_tags is the shared one of todo-tools). */
final class TagTools {

  private static final Map<String, Object> TASK_TAGS =
      object()
          .required("task_id", uuid("The task."))
          .required("tags", arrayOf(Views.TAG, "All tags the task carries now, by name."))
          .output();

  private final TodoDb db;

  TagTools(TodoDb db) {
    this.db = db;
  }

  List<ToolSpec> tools() {
    return List.of(createTag(), tagTask(), untagTask());
  }

  private ToolSpec createTag() {
    return ToolSpec.of(
        "create_tag",
        "Creates a tag. Names are unique per user in any case: if the name is taken, the error"
            + " says so; use list_tags to find the existing tag.",
        object()
            .required("name", string("The name, 1 to 50 characters.", 1, 50))
            .optional("color", string("A color as #RRGGBB, default #007bff.")),
        object().required("tag", Views.TAG).output(),
        ToolSpec.writes("Create a tag", false, false),
        (userId, args) -> {
          NewTag tag = NewTag.named(args.string("name"));
          Optional<String> color = args.optionalString("color");
          if (color.isPresent()) {
            tag = tag.withColor(color.get());
          }
          return Map.of("tag", Views.tag(db.tags().create(userId, tag)));
        });
  }

  private ToolSpec tagTask() {
    return ToolSpec.of(
        "tag_task",
        "Attaches a tag to a task; attaching it again changes nothing. Returns the task's tags.",
        object()
            .required("task_id", uuid("The task."))
            .required("tag_id", uuid("The tag (from list_tags or create_tag).")),
        TASK_TAGS,
        ToolSpec.writes("Tag a task", false, true),
        (userId, args) -> {
          UUID taskId = args.uuid("task_id");
          db.tags().addTag(userId, taskId, args.uuid("tag_id"));
          return taskTags(userId, taskId);
        });
  }

  private ToolSpec untagTask() {
    return ToolSpec.of(
        "untag_task",
        "Detaches a tag from a task (the tag itself stays); detaching a tag the task does not"
            + " carry changes nothing. Returns the task's tags.",
        object().required("task_id", uuid("The task.")).required("tag_id", uuid("The tag.")),
        TASK_TAGS,
        ToolSpec.writes("Untag a task", true, true),
        (userId, args) -> {
          UUID taskId = args.uuid("task_id");
          db.tags().removeTag(userId, taskId, args.uuid("tag_id"));
          return taskTags(userId, taskId);
        });
  }

  private Map<String, Object> taskTags(UUID userId, UUID taskId) {
    List<Tag> tags = db.tags().tagsOf(userId, taskId);
    return Map.of("task_id", taskId.toString(), "tags", tags.stream().map(Views::tag).toList());
  }
}
