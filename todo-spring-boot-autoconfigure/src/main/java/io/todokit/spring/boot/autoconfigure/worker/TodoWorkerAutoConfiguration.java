package io.todokit.spring.boot.autoconfigure.worker;

import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.reminders.BatchResult;
import io.todokit.dao.reminders.ClaimRequest;
import io.todokit.dao.reminders.DeliveryPolicy;
import io.todokit.dao.reminders.ReminderWorker;
import io.todokit.spring.boot.autoconfigure.TodoAutoConfiguration;
import io.todokit.spring.boot.autoconfigure.TodoProperties;
import java.time.Clock;
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
 * todokitReminderWorker} delivers due reminders at least once with todokit's {@code ReminderWorker}
 * (claim with a lease, hand each to the application's {@link ReminderHandler} bean, ack on return,
 * retry with backoff on an exception) (no handler, no reminders worker: a WARN line says so);
 * {@code todokitTemplateWorker} turns due recurring-template occurrences into tasks ({@code
 * db.recurring().materializeDue}). Each repeats its call while a batch comes back full, so a
 * backlog is worked off in one iteration, and stops between batches when the application stops.
 *
 * <p>Any number of replicas may run them on one database: both calls pick rows with {@code FOR
 * UPDATE SKIP LOCKED}, so each reminder is leased to one worker at a time and each occurrence is
 * made once.
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
    TodoProperties.Reminders settings = properties.worker().reminders();
    // The library's worker does the delivery (claim with a lease, send on a bounded pool, ack or
    // nack with backoff, lease renewal); this bean only schedules its batches.
    ReminderWorker delivery =
        ReminderWorker.builder(db.withClock(now), handler::handle)
            .claims(ClaimRequest.of(settings.batchSize()))
            .policy(
                DeliveryPolicy.defaults()
                    .withLease(settings.lease())
                    .withMaxLateness(settings.maxLateness())
                    .withMaxAttempts(settings.maxAttempts()))
            .senders(settings.senders())
            .build();
    return new TodoWorker(
        "todokit-reminders",
        settings.interval(),
        properties.worker().stopTimeout(),
        stopping -> {
          int claimed = 0;
          boolean more = true;
          while (more && !stopping.getAsBoolean()) {
            BatchResult batch = delivery.runBatch();
            if (batch.claimed() > 0) {
              log.info("todokit: reminders: {}", batch.describe());
            }
            claimed += batch.claimed();
            more = batch.full();
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
