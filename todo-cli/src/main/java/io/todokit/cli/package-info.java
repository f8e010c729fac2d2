/**
 * {@code todo-cli}, the operations tool of todokit: migrate, inspect, verify and roll back the
 * schema of a PostgreSQL database. {@link io.todokit.cli.TodoCli} is the entry point; everything
 * else is package-private.
 */
@NullMarked
package io.todokit.cli;

import org.jspecify.annotations.NullMarked;
