/**
 * A stateless chat service on todokit: {@link io.todokit.examples.chatbot.ChatService} loads the
 * conversation's context window from PostgreSQL, lets a Spring AI model manage the user's tasks
 * through todokit's tools, and stores every message, tool call and effect as it happens.
 */
@NullMarked
package io.todokit.examples.chatbot;

import org.jspecify.annotations.NullMarked;
