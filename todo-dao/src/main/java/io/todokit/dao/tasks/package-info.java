/** Tasks: {@link io.todokit.dao.tasks.TaskDao} and its records and commands. */
@NullMarked
package io.todokit.dao.tasks;

import org.jspecify.annotations.NullMarked;
