package io.todokit.examples.chatbot;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/{userId}/chat}.
 *
 * @param message what the user says
 * @param conversationId the conversation to continue; null starts a new one
 */
public record ChatRequest(@Nullable String message, @Nullable UUID conversationId) {}
