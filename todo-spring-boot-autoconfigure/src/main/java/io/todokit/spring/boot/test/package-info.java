/**
 * The Spring Boot test hook: {@link io.todokit.spring.boot.test.AutoConfigureTodoDatabase} gives a
 * test context a fresh PostgreSQL database from {@code todo-testing}.
 */
@NullMarked
package io.todokit.spring.boot.test;

import org.jspecify.annotations.NullMarked;
