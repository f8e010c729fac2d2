/**
 * Implementation of {@code io.todokit.testing}: public for that package only, not supported API.
 */
@NullMarked
package io.todokit.testing.internal;

import org.jspecify.annotations.NullMarked;
