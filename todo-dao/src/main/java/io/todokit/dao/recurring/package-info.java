/**
 * Recurring-task templates: {@link io.todokit.dao.recurring.RecurringTaskDao}, the templates'
 * records and commands, and their materialization into tasks by workers.
 */
@NullMarked
package io.todokit.dao.recurring;

import org.jspecify.annotations.NullMarked;
