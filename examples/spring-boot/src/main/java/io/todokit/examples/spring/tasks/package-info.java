/** Tasks: {@code /api/tasks}. */
@NullMarked
package io.todokit.examples.spring.tasks;

import org.jspecify.annotations.NullMarked;
