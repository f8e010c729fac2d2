/**
 * The todokit Spring Boot example: one controller per resource ({@code tasks}, {@code tags}, {@code
 * recurring}, {@code comments}), the acting user and problem details in {@code web}.
 */
@NullMarked
package io.todokit.examples.spring;

import org.jspecify.annotations.NullMarked;
