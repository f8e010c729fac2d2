/**
 * Finds a real PostgreSQL for todokit's builds and tests, and hands out fresh databases migrated
 * with Flyway: {@link io.todokit.testing.PostgresProvisioner}, {@link
 * io.todokit.testing.TestDatabase} and the JUnit extension {@link
 * io.todokit.testing.TodoDatabaseExtension}.
 */
@NullMarked
package io.todokit.testing;

import org.jspecify.annotations.NullMarked;
