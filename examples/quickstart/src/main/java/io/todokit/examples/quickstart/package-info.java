/**
 * The quick start: {@link io.todokit.examples.quickstart.QuickStart} fills a database as a service
 * would and prints what todokit's DAOs answer.
 */
@NullMarked
package io.todokit.examples.quickstart;

import org.jspecify.annotations.NullMarked;
