/**
 * todokit's entry point {@link io.todokit.dao.TodoDb} and the exception family every DAO throws.
 * The DAOs live in one package per feature: {@code tasks}, {@code tags}, {@code reminders}, {@code
 * recurring}, {@code conversations}, {@code users}.
 */
@NullMarked
package io.todokit.dao;

import org.jspecify.annotations.NullMarked;
