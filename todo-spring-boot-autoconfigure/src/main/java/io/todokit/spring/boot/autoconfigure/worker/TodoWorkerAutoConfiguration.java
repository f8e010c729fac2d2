package io.todokit.spring.boot.autoconfigure.worker;

import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.reminders.Reminder;
import io.todokit.spring.boot.autoconfigure.TodoAutoConfiguration;
import io.todokit.spring.boot.autoconfigure.TodoProperties;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * todokit's background workers, when {@code todokit.worker.enabled=true}: {@code
 * todokitReminderWorker} claims due reminders ({@code db.reminders().claimDue}) and hands each to
 * the application's {@link ReminderHandler} bean (no handler, no reminders worker: a WARN line says
 * so); {@code todokitTemplateWorker} turns due recurring-template occurrences into tasks ({@code
 * db.recurring().materializeDue}). Each repeats its call while a batch comes back full, so a
 * backlog is worked off in one iteration, and stops between batches when the application stops.
 *
 * <p>Any number of replicas may run them on one database: both calls pick rows with {@code FOR
 * UPDATE SKIP LOCKED}, so each reminder is claimed once and each occurrence made once.
 */
@AutoConfiguration(after = TodoAutoConfiguration.class)
@ConditionalOnBean(TodoDb.class)
@ConditionalOnBooleanProperty("todokit.worker.enabled")
public final class TodoWorkerAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TodoWorkerAutoConfiguration.class);

  TodoWorkerAutoConfiguration() {}

  @Bean
  @ConditionalOnBean(ReminderHandler.class)
  @ConditionalOnBooleanProperty(name = "todokit.worker.reminders.enabled", matchIfMissing = true)
  @ConditionalOnMissingBean(name = "todokitReminderWorker")
  TodoWorker todokitReminderWorker(
      TodoDb db, ReminderHandler handler, ObjectProvider<Clock> clock, TodoProperties properties) {
    Clock now = clock.getIfUnique(Clock::systemUTC);
    int batchSize = properties.worker().reminders().batchSize();
    return new TodoWorker(
        "todokit-reminders",
        properties.worker().reminders().interval(),
        properties.worker().stopTimeout(),
        stopping -> {
          int claimed = 0;
          boolean more = true;
          while (more && !stopping.getAsBoolean()) {
            List<Reminder> batch = db.withClock(now).reminders().claimDue(batchSize);
            int failed = 0;
            for (Reminder reminder : batch) {
              try {
                handler.handle(reminder);
              } catch (Exception e) {
                if (e instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                }
                failed++;
                // At most once: the reminder is claimed, no worker hands it out again.
                log.warn(
                    "todokit: reminder for task {} of user {} not delivered (not retried)",
                    reminder.taskId(),
                    reminder.userId(),
                    e);
              }
            }
            if (!batch.isEmpty()) {
              log.info(
                  "todokit: reminders: claimed {}, delivered {}, failed {}",
                  batch.size(),
                  batch.size() - failed,
                  failed);
            }
            claimed += batch.size();
            more = batch.size() == batchSize;
          }
          return claimed;
        });
  }

  @Bean
  @ConditionalOnMissingBean(ReminderHandler.class)
  @ConditionalOnBooleanProperty(name = "todokit.worker.reminders.enabled", matchIfMissing = true)
  SmartInitializingSingleton todokitNoReminderHandlerNotice() {
    return () ->
        log.warn(
            "todokit: todokit.worker.enabled=true but there is no ReminderHandler bean: the"
                + " reminders worker does not run (declare one, or set"
                + " todokit.worker.reminders.enabled=false to silence this)");
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "todokit.worker.templates.enabled", matchIfMissing = true)
  @ConditionalOnMissingBean(name = "todokitTemplateWorker")
  TodoWorker todokitTemplateWorker(
      TodoDb db, ObjectProvider<Clock> clock, TodoProperties properties) {
    Clock now = clock.getIfUnique(Clock::systemUTC);
    int batchSize = properties.worker().templates().batchSize();
    return new TodoWorker(
        "todokit-templates",
        properties.worker().templates().interval(),
        properties.worker().stopTimeout(),
        stopping -> {
          int created = 0;
          boolean more = true;
          while (more && !stopping.getAsBoolean()) {
            MaterializeResult result = db.withClock(now).recurring().materializeDue(batchSize);
            if (result.claimedTemplates() > 0) {
              log.info(
                  "todokit: templates: claimed {}, created {} tasks, {} ended, {} backlogged,"
                      + " {} failed",
                  result.claimedTemplates(),
                  result.created().size(),
                  result.deactivatedTemplateIds().size(),
                  result.backloggedTemplateIds().size(),
                  result.failed().size());
            }
            created += result.created().size();
            more = result.moreMayBeDue();
          }
          return created;
        });
  }
}
