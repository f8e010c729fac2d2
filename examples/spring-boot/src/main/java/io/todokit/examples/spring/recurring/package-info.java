/** Recurring-task templates: {@code /api/recurring-tasks}. */
@NullMarked
package io.todokit.examples.spring.recurring;

import org.jspecify.annotations.NullMarked;
