/**
 * A scheduler worker: {@link io.todokit.examples.worker.SchedulerWorker} claims due reminders and
 * materializes recurring templates on a schedule, safely as several replicas at once.
 */
@NullMarked
package io.todokit.examples.worker;

import org.jspecify.annotations.NullMarked;
