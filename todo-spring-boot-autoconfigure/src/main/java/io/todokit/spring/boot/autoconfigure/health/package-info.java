/** todokit's Spring Boot auto-configuration: the health indicator. */
@NullMarked
package io.todokit.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
