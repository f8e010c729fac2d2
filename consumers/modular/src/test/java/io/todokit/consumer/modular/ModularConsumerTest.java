package io.todokit.consumer.modular;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.TodoDb;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tasks.Task;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * todokit's DAOs used from a named module on the module path, on a real PostgreSQL (started on the
 * class path side by todo-testing, which hands over only a DataSource).
 */
class ModularConsumerTest {

  @Test
  void theTestRunsInsideANamedModuleThatReadsTodokitsModules() {
    assertThat(ModularConsumer.class.getModule().getName())
        .isEqualTo("io.todokit.consumer.modular");
    assertThat(TodoDb.class.getModule().getName()).isEqualTo("io.todokit.dao");
    assertThat(TodoDb.class.getModule().getDescriptor().isAutomatic()).isFalse();
    assertThat(RecurrenceSpec.class.getModule().getName()).isEqualTo("io.todokit.recurrence");
    // todo-schema is an automatic module (see its pom): named by its Automatic-Module-Name.
    assertThat(TodoSchema.class.getModule().getName()).isEqualTo("io.todokit.schema");
    assertThat(TodoSchema.class.getModule().getDescriptor().isAutomatic()).isTrue();
  }

  @Test
  void migratesAndUsesTheDaosOnTheModulePath() {
    try (TestDatabase database = TestDatabase.empty()) {
      ModularConsumer.Outcome outcome = ModularConsumer.run(database.dataSource());

      assertThat(outcome.schema().currentVersion()).isEqualTo(TodoSchema.latestVersion());
      Task task = outcome.task();
      assertThat(task.title()).isEqualTo("Water the plants");
      assertThat(task.recurrence()).isEqualTo(RecurrenceSpec.daily(2));
      assertThat(outcome.tagsOfTask()).extracting(Tag::name).containsExactly("home");
      assertThat(outcome.tagsOfTask()).extracting(Tag::color).containsExactly("#00aa00");
      assertThat(outcome.taggedPage().items()).extracting(Task::id).containsExactly(task.id());
      assertThat(outcome.taggedPage().next()).isEmpty();
      assertThat(outcome.template().timeZone()).isEqualTo(ZoneId.of("UTC"));
      assertThat(outcome.template().recurrence()).isEqualTo(RecurrenceSpec.daily(1));
      assertThat(outcome.messages().items())
          .extracting(Message::role)
          .containsExactly(MessageRole.USER, MessageRole.ASSISTANT, MessageRole.TOOL);
      assertThat(outcome.messages().items().get(1).toolCalls().getFirst().id()).isEqualTo("call-1");
      assertThat(outcome.messages().items().get(2).toolCallId()).isEqualTo("call-1");
    }
  }
}
