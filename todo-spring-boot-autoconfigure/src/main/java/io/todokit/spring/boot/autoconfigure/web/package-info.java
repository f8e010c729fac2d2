/** todokit's Spring Boot auto-configuration: problem details for Spring MVC. */
@NullMarked
package io.todokit.spring.boot.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
