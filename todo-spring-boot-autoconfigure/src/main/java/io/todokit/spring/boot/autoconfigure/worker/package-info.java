/** todokit's Spring Boot auto-configuration: the background workers. */
@NullMarked
package io.todokit.spring.boot.autoconfigure.worker;

import org.jspecify.annotations.NullMarked;
