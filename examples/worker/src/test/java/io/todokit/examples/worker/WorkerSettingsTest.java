package io.todokit.examples.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

  @Test
  void defaultsWhenNothingIsSet() {
    assertThat(WorkerSettings.of(Map.of(), new Properties())).isEqualTo(WorkerSettings.DEFAULTS);
  }

  @Test
  void environmentVariablesAreReadAndSystemPropertiesBeatThem() {
    Properties properties = new Properties();
    properties.setProperty("todo.worker.reminder-batch", "250");
    Map<String, String> env =
        Map.of(
            "TODO_WORKER_INTERVAL", "PT1M",
            "TODO_WORKER_REMINDER_BATCH", "10",
            "TODO_WORKER_TEMPLATE_BATCH", "20",
            "TODO_WORKER_STOP_TIMEOUT", "PT2S",
            "TODO_WORKER_LEASE", "PT1M",
            "TODO_WORKER_MAX_LATENESS", "PT2H");
    properties.setProperty("todo.worker.max-lateness", "PT3H");

    assertThat(WorkerSettings.of(env, properties))
        .isEqualTo(
            new WorkerSettings(
                Duration.ofMinutes(1),
                250,
                20,
                Duration.ofSeconds(2),
                Duration.ofMinutes(1),
                Duration.ofHours(3)));
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(
            () -> WorkerSettings.of(Map.of("TODO_WORKER_INTERVAL", "5s"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("todo.worker.interval");
    assertThatThrownBy(
            () -> WorkerSettings.of(Map.of("TODO_WORKER_REMINDER_BATCH", "1001"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reminderBatch must be 1 to 1000");
  }
}
