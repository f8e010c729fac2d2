/** Tags: {@code /api/tags}. */
@NullMarked
package io.todokit.examples.spring.tags;

import org.jspecify.annotations.NullMarked;
