package io.todokit.examples.quickstart.docs;

import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.conversations.ContextWindow;
import io.todokit.dao.conversations.Conversation;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskEffect;
import io.todokit.dao.tasks.TaskOrigin;
import java.util.List;
import java.util.UUID;

/** Conversations: a chatbot turn with a tool call and its result, read back in order. */
public final class Demo05Conversations {

  private Demo05Conversations() {}

  /**
   * What {@link #run} saw.
   *
   * @param context the context window, as sent to the model
   * @param conversations the user's conversations, most recent first
   * @param created the task the tool call created
   * @param retried what the retried tool call returned
   * @param effects what the assistant did in the conversation
   */
  public record Result(
      List<Message> context,
      Page<Conversation> conversations,
      Task created,
      Task retried,
      List<TaskEffect> effects) {}

  /**
   * Runs the sample.
   *
   * @param db the database
   * @param userId a user
   * @return what the calls returned
   */
  public static Result run(TodoDb db, UUID userId) {
    // tag::conversations[]
    Conversation chat = db.conversations().create(userId, "Groceries");
    UUID id = chat.id();
    db.conversations().append(userId, id, NewMessage.system("You manage the user's to-do list."));
    db.conversations().append(userId, id, NewMessage.user("Remind me to buy milk tomorrow"));
    // The model's tool calls: id, tool name and arguments as JSON text.
    List<ToolCall> calls =
        List.of(ToolCall.of("call_1", "create_task", "{\"title\": \"Buy milk\"}"));
    db.conversations().append(userId, id, NewMessage.assistantToolCalls("", calls));
    // A tool message must answer a tool call of an earlier assistant message, by its id.
    db.conversations().append(userId, id, NewMessage.tool("call_1", "{\"created\": true}"));
    db.conversations().append(userId, id, NewMessage.assistant("Done: it's on your list."));

    // The newest messages that fit, oldest first, never splitting a tool call from its answers.
    ContextWindow window = ContextWindow.of(20).withTokenBudget(8_000);
    List<Message> context = db.conversations().window(userId, id, window).messages();
    Page<Conversation> recent = db.conversations().list(userId, PageRequest.first(10)); // latest
    // end::conversations[]

    // tag::tool-effects[]
    // Executing the model's call "call_2": the write records where it came from.
    TaskOrigin origin = TaskOrigin.toolCall(id, "call_2");
    Task created = db.tasks().via(origin).create(userId, NewTask.titled("Buy bread"));
    // The same call again (a retried turn, a lost answer): no second task, the first one back.
    Task retried = db.tasks().via(origin).create(userId, NewTask.titled("Buy bread"));
    // What the assistant did in this conversation: task, kind, tool call id, message, time.
    List<TaskEffect> effects = db.tasks().effects(userId, id);
    // end::tool-effects[]
    return new Result(context, recent, created, retried, effects);
  }
}
