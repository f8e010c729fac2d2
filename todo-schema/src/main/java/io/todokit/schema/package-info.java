/**
 * todokit's schema: the Flyway migrations (classpath {@code db/todokit/migration}), their down
 * scripts (classpath {@code db/todokit/rollback}), and {@link io.todokit.schema.TodoSchema} to
 * migrate, inspect, verify and roll back todokit's tables in their own PostgreSQL schema. The jOOQ
 * classes generated from the migrations ({@code io.todokit.schema.jooq}) are built and exported by
 * todo-dao.
 */
@NullMarked
package io.todokit.schema;

import org.jspecify.annotations.NullMarked;
