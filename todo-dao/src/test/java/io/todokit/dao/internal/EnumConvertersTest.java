package io.todokit.dao.internal;

import static io.todokit.schema.jooq.Tables.MESSAGES;
import static io.todokit.schema.jooq.Tables.RECURRING_TASKS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.TaskStatus;
import io.todokit.schema.jooq.enums.TaskPriority;
import org.junit.jupiter.api.Test;

class EnumConvertersTest {

  private enum TooFew {
    LOW,
    MEDIUM,
    HIGH
  }

  private enum TooMany {
    LOW,
    MEDIUM,
    HIGH,
    URGENT,
    NEVER
  }

  @Test
  void theGeneratedFieldsCarryTodoDaosEnums() {
    assertThat(TASKS.PRIORITY.getType()).isEqualTo(Priority.class);
    assertThat(TASKS.STATUS.getType()).isEqualTo(TaskStatus.class);
    assertThat(RECURRING_TASKS.PRIORITY.getType()).isEqualTo(Priority.class);
    assertThat(RECURRING_TASKS.MISSED_POLICY.getType()).isEqualTo(MissedPolicy.class);
    assertThat(MESSAGES.ROLE.getType()).isEqualTo(MessageRole.class);
  }

  @Test
  void everyLabelMapsToTheConstantOfItsNameAndBack() {
    EnumConverters.Priorities priorities = new EnumConverters.Priorities();
    for (TaskPriority label : TaskPriority.values()) {
      Priority constant = priorities.from(label);
      assertThat(constant).isNotNull();
      assertThat(constant.name()).isEqualTo(label.getLiteral().toUpperCase(java.util.Locale.ROOT));
      assertThat(priorities.to(constant)).isEqualTo(label);
    }
    assertThat(new EnumConverters.TaskStatuses().to(TaskStatus.IN_PROGRESS))
        .isEqualTo(io.todokit.schema.jooq.enums.TaskStatus.in_progress);
    assertThat(
            new EnumConverters.MessageRoles().from(io.todokit.schema.jooq.enums.MessageRole.tool))
        .isEqualTo(MessageRole.TOOL);
    assertThat(priorities.from(null)).isNull();
    assertThat(priorities.to(null)).isNull();
  }

  @Test
  void anEnumThatDoesNotMatchTheDatabaseTypeFailsWhenTheConverterIsBuilt() {
    assertThatThrownBy(
            () ->
                new EnumConverters.ByName<TaskPriority, TooFew>(
                    TaskPriority.class, TooFew.class) {})
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no constant for the label urgent");
    assertThatThrownBy(
            () ->
                new EnumConverters.ByName<TaskPriority, TooMany>(
                    TaskPriority.class, TooMany.class) {})
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lacks some of its constants");
  }

  @Test
  void aTextColumnMapsByLowerCaseNameAndRejectsOtherValues() {
    EnumConverters.MissedPolicies policies = new EnumConverters.MissedPolicies();
    assertThat(policies.from("all")).isEqualTo(MissedPolicy.ALL);
    assertThat(policies.from("latest")).isEqualTo(MissedPolicy.LATEST);
    assertThat(policies.to(MissedPolicy.LATEST)).isEqualTo("latest");
    assertThat(policies.from(null)).isNull();
    assertThatThrownBy(() -> policies.from("ALL"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("unknown MissedPolicy in the database: ALL");
  }

  @Test
  void aStoredLabelReadAsTextConvertsAsTheFieldDoes() {
    assertThat(TASKS.PRIORITY.getDataType().convert("high")).isEqualTo(Priority.HIGH);
    assertThat(MESSAGES.ROLE.getDataType().convert("assistant")).isEqualTo(MessageRole.ASSISTANT);
    assertThat(RECURRING_TASKS.MISSED_POLICY.getDataType().convert("all"))
        .isEqualTo(MissedPolicy.ALL);
  }
}
