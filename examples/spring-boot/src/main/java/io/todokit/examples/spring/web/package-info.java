/**
 * What every controller shares: the acting user from {@code X-User-Id}, and errors as RFC 9457
 * problem details.
 */
@NullMarked
package io.todokit.examples.spring.web;

import org.jspecify.annotations.NullMarked;
