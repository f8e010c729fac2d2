package io.todokit.mcp;

import static io.todokit.mcp.Schemas.arrayOf;
import static io.todokit.mcp.Schemas.object;
import static io.todokit.mcp.Schemas.string;
import static io.todokit.mcp.Schemas.uuid;

import io.todokit.dao.TodoDb;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tags.TagWithCount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** list_tags, create_tag, tag_task, untag_task. */
final class TagTools {

  private static final Map<String, Object> TASK_TAGS =
      object()
          .required("task_id", uuid("The task."))
          .required("tags", arrayOf(Views.TAG, "All tags the task carries now, by name."))
          .output();

  private final TodoDb db;
  private final Views views;

  TagTools(TodoDb db, Views views) {
    this.db = db;
    this.views = views;
  }

  List<Tool> tools() {
    return List.of(listTags(), createTag(), tagTask(), untagTask());
  }

  private Tool listTags() {
    return Tool.of(
        "list_tags",
        "Lists the user's tags by name, each with its number of tasks.",
        object(),
        object().required("tags", arrayOf(Views.TAG, "The tags.")).output(),
        Tool.readOnly("List tags"),
        (userId, args) -> {
          List<Map<String, Object>> tags =
              db.tags().list(userId).stream().map(this::withCount).toList();
          return Map.of("tags", tags);
        });
  }

  private Map<String, Object> withCount(TagWithCount tag) {
    Map<String, Object> view = new LinkedHashMap<>(views.tag(tag.tag()));
    view.put("task_count", tag.taskCount());
    return view;
  }

  private Tool createTag() {
    return Tool.of(
        "create_tag",
        "Creates a tag. Names are unique per user in any case: if the name is taken, the error"
            + " says so; use list_tags to find the existing tag.",
        object()
            .required("name", string("The name, 1 to 50 characters.", 1, 50))
            .optional("color", string("A color as #RRGGBB, default #007bff.")),
        object().required("tag", Views.TAG).output(),
        Tool.writes("Create a tag", false, false),
        (userId, args) -> {
          NewTag tag = NewTag.named(args.string("name"));
          Optional<String> color = args.optionalString("color");
          if (color.isPresent()) {
            tag = tag.withColor(color.get());
          }
          return Map.of("tag", views.tag(db.tags().create(userId, tag)));
        });
  }

  private Tool tagTask() {
    return Tool.of(
        "tag_task",
        "Attaches a tag to a task; attaching it again changes nothing. Returns the task's tags.",
        object()
            .required("task_id", uuid("The task."))
            .required("tag_id", uuid("The tag (from list_tags or create_tag).")),
        TASK_TAGS,
        Tool.writes("Tag a task", false, true),
        (userId, args) -> {
          UUID taskId = args.uuid("task_id");
          db.tags().addTag(userId, taskId, args.uuid("tag_id"));
          return taskTags(userId, taskId);
        });
  }

  private Tool untagTask() {
    return Tool.of(
        "untag_task",
        "Detaches a tag from a task (the tag itself stays); detaching a tag the task does not"
            + " carry changes nothing. Returns the task's tags.",
        object().required("task_id", uuid("The task.")).required("tag_id", uuid("The tag.")),
        TASK_TAGS,
        Tool.writes("Untag a task", true, true),
        (userId, args) -> {
          UUID taskId = args.uuid("task_id");
          db.tags().removeTag(userId, taskId, args.uuid("tag_id"));
          return taskTags(userId, taskId);
        });
  }

  private Map<String, Object> taskTags(UUID userId, UUID taskId) {
    List<Tag> tags = db.tags().tagsOf(userId, taskId);
    return Map.of("task_id", taskId.toString(), "tags", tags.stream().map(views::tag).toList());
  }
}
