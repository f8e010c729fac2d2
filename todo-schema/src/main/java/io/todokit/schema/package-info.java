/**
 * todokit's schema: the Flyway migrations (classpath {@code db/migration}), their down scripts
 * (classpath {@code db/rollback}), and {@link io.todokit.schema.TodoSchema} to migrate, inspect,
 * verify and roll back a database. The generated jOOQ classes are in {@code
 * io.todokit.schema.jooq}.
 */
@NullMarked
package io.todokit.schema;

import org.jspecify.annotations.NullMarked;
