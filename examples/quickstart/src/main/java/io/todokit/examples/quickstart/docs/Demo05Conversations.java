package io.todokit.examples.quickstart.docs;

import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.conversations.ContextWindow;
import io.todokit.dao.conversations.Conversation;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
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
   */
  public record Result(List<Message> context, Page<Conversation> conversations) {}

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
    return new Result(context, recent);
  }
}
