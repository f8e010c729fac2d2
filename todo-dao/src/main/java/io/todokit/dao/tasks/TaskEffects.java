package io.todokit.dao.tasks;

import static io.todokit.schema.jooq.Tables.MESSAGES;
import static io.todokit.schema.jooq.Tables.TASK_EFFECTS;

import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.MessageRole;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The effects log of {@link TaskDao#via}: records a write's effect in the write's own transaction,
 * before the write, so that a second call with the same origin finds the first one's effect (the
 * unique indexes on the origin make a concurrent retry wait for the first call's outcome), and
 * answers the provenance queries.
 */
final class TaskEffects {

  /** A write made without an origin: nothing recorded, never a replay. */
  static final TaskEffects NONE = new TaskEffects(null);

  private static final int ATTEMPTS = 3;

  /**
   * The assistant message that carried an effect's tool call: the one named by the write, else the
   * stored assistant message of the conversation whose tool calls include the call's id.
   */
  private static final Field<UUID> MESSAGE_ID =
      DSL.coalesce(
          TASK_EFFECTS.MESSAGE_ID,
          DSL.field(
              DSL.select(MESSAGES.ID)
                  .from(MESSAGES)
                  .where(
                      MESSAGES.USER_ID.eq(TASK_EFFECTS.USER_ID),
                      MESSAGES.CONVERSATION_ID.eq(TASK_EFFECTS.CONVERSATION_ID),
                      MESSAGES.ROLE.eq(MessageRole.ASSISTANT),
                      carries(TASK_EFFECTS.TOOL_CALL_ID))
                  .orderBy(MESSAGES.SEQ)
                  .limit(DSL.inline(1))));

  private static final SelectField<?>[] COLUMNS = {
    TASK_EFFECTS.ID,
    TASK_EFFECTS.TASK_ID,
    TASK_EFFECTS.KIND,
    TASK_EFFECTS.CONVERSATION_ID,
    MESSAGE_ID.as(TASK_EFFECTS.MESSAGE_ID.getName()),
    TASK_EFFECTS.TOOL_CALL_ID,
    TASK_EFFECTS.IDEMPOTENCY_KEY,
    TASK_EFFECTS.CREATED_AT
  };

  private final @Nullable TaskOrigin origin;

  TaskEffects(@Nullable TaskOrigin origin) {
    this.origin = origin;
  }

  /**
   * Records that this origin's call does {@code kind} to a task, unless a call with the same origin
   * did so already: then that call's effect, for the caller to answer with instead of writing.
   *
   * @throws ValidationException ({@code origin}) when the origin's earlier call did something else
   */
  Optional<TaskEffect> record(
      DSLContext dsl, UUID userId, TaskEffectKind kind, UUID taskId, UUID effectId, Instant now) {
    TaskOrigin origin = this.origin;
    if (origin == null) {
      return Optional.empty();
    }
    for (int attempt = 1; ; attempt++) {
      int inserted =
          dsl.insertInto(TASK_EFFECTS)
              .set(TASK_EFFECTS.USER_ID, userId)
              .set(TASK_EFFECTS.ID, effectId)
              .set(TASK_EFFECTS.TASK_ID, taskId)
              .set(TASK_EFFECTS.KIND, sql(kind))
              .set(TASK_EFFECTS.CONVERSATION_ID, origin.conversationId())
              .set(TASK_EFFECTS.MESSAGE_ID, origin.messageId())
              .set(TASK_EFFECTS.TOOL_CALL_ID, origin.toolCallId())
              .set(TASK_EFFECTS.IDEMPOTENCY_KEY, origin.idempotencyKey())
              .set(TASK_EFFECTS.CREATED_AT, now)
              .onConflictDoNothing()
              .execute();
      if (inserted == 1) {
        return Optional.empty();
      }
      Optional<TaskEffect> first = find(dsl, userId, origin);
      if (first.isPresent()) {
        TaskEffect effect = first.get();
        if (effect.kind() != kind
            || (kind != TaskEffectKind.CREATED && !effect.taskId().equals(taskId))) {
          throw new ValidationException(
              "origin",
              "was already used to "
                  + verb(effect.kind())
                  + " task "
                  + effect.taskId()
                  + "; an origin names one write");
        }
        return first;
      }
      // The conflicting row went away (its conversation was deleted) between the two statements.
      if (attempt == ATTEMPTS) {
        throw new ConcurrentUpdateException("task effect", effectId, 0, null);
      }
    }
  }

  /** The effect of the first call with this origin, if one was made. */
  static Optional<TaskEffect> find(DSLContext dsl, UUID userId, TaskOrigin origin) {
    Condition sameCall = DSL.falseCondition();
    if (origin.toolCallId() != null) {
      sameCall =
          sameCall.or(
              TASK_EFFECTS
                  .CONVERSATION_ID
                  .eq(origin.conversationId())
                  .and(TASK_EFFECTS.TOOL_CALL_ID.eq(origin.toolCallId())));
    }
    if (origin.idempotencyKey() != null) {
      sameCall = sameCall.or(TASK_EFFECTS.IDEMPOTENCY_KEY.eq(origin.idempotencyKey()));
    }
    return dsl.select(COLUMNS)
        .from(TASK_EFFECTS)
        .where(TASK_EFFECTS.USER_ID.eq(userId), sameCall)
        .orderBy(TASK_EFFECTS.CREATED_AT, TASK_EFFECTS.ID)
        .limit(DSL.inline(1))
        .fetchOptional(TaskEffects::toEffect);
  }

  /** The effects of a conversation's tool calls, in the order they were made. */
  static List<TaskEffect> ofConversation(DSLContext dsl, UUID userId, UUID conversationId) {
    return dsl.select(COLUMNS)
        .from(TASK_EFFECTS)
        .where(TASK_EFFECTS.USER_ID.eq(userId), TASK_EFFECTS.CONVERSATION_ID.eq(conversationId))
        .orderBy(TASK_EFFECTS.CREATED_AT, TASK_EFFECTS.ID)
        .fetch(TaskEffects::toEffect);
  }

  /** The effects recorded on a task, in the order they were made. */
  static List<TaskEffect> ofTask(DSLContext dsl, UUID userId, UUID taskId) {
    return dsl.select(COLUMNS)
        .from(TASK_EFFECTS)
        .where(TASK_EFFECTS.USER_ID.eq(userId), TASK_EFFECTS.TASK_ID.eq(taskId))
        .orderBy(TASK_EFFECTS.CREATED_AT, TASK_EFFECTS.ID)
        .fetch(TaskEffects::toEffect);
  }

  private static TaskEffect toEffect(Record row) {
    return new TaskEffect(
        row.get(TASK_EFFECTS.ID),
        row.get(TASK_EFFECTS.TASK_ID),
        TaskEffectKind.valueOf(row.get(TASK_EFFECTS.KIND).toUpperCase(Locale.ROOT)),
        new TaskOrigin(
            row.get(TASK_EFFECTS.CONVERSATION_ID),
            row.get(TASK_EFFECTS.MESSAGE_ID),
            row.get(TASK_EFFECTS.TOOL_CALL_ID),
            row.get(TASK_EFFECTS.IDEMPOTENCY_KEY)),
        row.get(TASK_EFFECTS.CREATED_AT));
  }

  /**
   * True when a message's tool calls include the call: an array of {@code {"id": …}} objects, or
   * one such object (a shape written by plain SQL, which the schema allows).
   */
  private static Condition carries(Field<String> toolCallId) {
    // Plain SQL: jOOQ has no syntax for jsonb containment (@>).
    return DSL.condition(
        "({0} @> jsonb_build_array(jsonb_build_object('id', {1}))"
            + " OR {0} @> jsonb_build_object('id', {1}))",
        MESSAGES.TOOL_CALLS, toolCallId);
  }

  private static String sql(TaskEffectKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static String verb(TaskEffectKind kind) {
    return switch (kind) {
      case CREATED -> "create";
      case UPDATED -> "update";
      case COMPLETED -> "complete";
      case REOPENED -> "reopen";
      case DELETED -> "delete";
    };
  }
}
