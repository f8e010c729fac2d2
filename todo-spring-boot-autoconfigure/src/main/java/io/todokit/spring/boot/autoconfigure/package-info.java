/** todokit's Spring Boot auto-configuration. */
@NullMarked
package io.todokit.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
