/** Comments on tasks: the service's own table next to todokit's. */
@NullMarked
package io.todokit.examples.spring.comments;

import org.jspecify.annotations.NullMarked;
