package io.todokit.dao.conversations;

import static io.todokit.dao.conversations.ConversationRows.CONVERSATION_COLUMNS;
import static io.todokit.dao.conversations.ConversationRows.toConversation;
import static io.todokit.schema.jooq.Tables.CONVERSATIONS;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.Limits;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** The conversation calls of {@link ConversationDao}: create, read, list, rename, delete. */
final class Conversations {

  private final DaoContext context;

  Conversations(DaoContext context) {
    this.context = context;
  }

  Conversation create(UUID userId, String title) {
    return create(userId, context.newId(), title);
  }

  Conversation create(UUID userId, UUID id, String title) {
    Objects.requireNonNull(userId, "userId");
    Check.required("id", id);
    String checkedTitle = Check.text("title", title, 1, Limits.TITLE);
    Instant now = context.now();
    return context.write(
        dsl -> {
          // The primary key refuses a duplicate too; this names the field for the caller.
          if (dsl.fetchExists(
              CONVERSATIONS, CONVERSATIONS.USER_ID.eq(userId), CONVERSATIONS.ID.eq(id))) {
            throw new DuplicateException("id", null);
          }
          return toConversation(
              dsl.insertInto(CONVERSATIONS)
                  .set(CONVERSATIONS.USER_ID, userId)
                  .set(CONVERSATIONS.ID, id)
                  .set(CONVERSATIONS.TITLE, checkedTitle)
                  .set(CONVERSATIONS.CREATED_AT, now)
                  .set(CONVERSATIONS.UPDATED_AT, now)
                  .returningResult(CONVERSATION_COLUMNS)
                  .fetchSingle());
        },
        userId);
  }

  Optional<Conversation> find(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(
        dsl ->
            dsl.select(CONVERSATION_COLUMNS)
                .from(CONVERSATIONS)
                .where(CONVERSATIONS.USER_ID.eq(userId), CONVERSATIONS.ID.eq(id))
                .fetchOptional()
                .map(ConversationRows::toConversation),
        id);
  }

  Page<Conversation> list(UUID userId, PageRequest page) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(page, "page");
    int size = page.limit();
    Condition after = DSL.noCondition();
    if (page.cursor().isPresent()) {
      ConversationCursor key =
          ConversationCursor.decode(context.cursors(), userId, page.cursor().get());
      after = DSL.row(CONVERSATIONS.UPDATED_AT, CONVERSATIONS.ID).lt(key.updatedAt(), key.id());
    }
    Condition keyset = after;
    List<Conversation> rows =
        context.read(
            dsl ->
                dsl.select(CONVERSATION_COLUMNS)
                    .from(CONVERSATIONS)
                    .where(CONVERSATIONS.USER_ID.eq(userId), keyset)
                    .orderBy(CONVERSATIONS.UPDATED_AT.desc(), CONVERSATIONS.ID.desc())
                    .limit(size + 1)
                    .fetch(ConversationRows::toConversation),
            userId);
    if (rows.size() <= size) {
      return Page.last(rows);
    }
    String next = ConversationCursor.of(rows.get(size - 1)).encode(context.cursors(), userId);
    return Page.of(rows.subList(0, size), PageRequest.after(next, size));
  }

  Conversation rename(UUID userId, UUID id, String title) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    String checkedTitle = Check.text("title", title, 1, Limits.TITLE);
    Instant now = context.now();
    return context.write(
        dsl ->
            dsl.update(CONVERSATIONS)
                .set(CONVERSATIONS.TITLE, checkedTitle)
                .set(CONVERSATIONS.UPDATED_AT, now)
                .where(CONVERSATIONS.USER_ID.eq(userId), CONVERSATIONS.ID.eq(id))
                .returningResult(CONVERSATION_COLUMNS)
                .fetchOptional()
                .map(ConversationRows::toConversation)
                .orElseThrow(() -> new NotFoundException("conversation", id)),
        id);
  }

  void delete(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    context.deleteOwned(
        CONVERSATIONS, CONVERSATIONS.USER_ID, CONVERSATIONS.ID, userId, id, "conversation");
  }
}
