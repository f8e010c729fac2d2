/**
 * Spring AI chat memory over todokit: {@link io.todokit.springai.TodoChatMemoryRepository}, one
 * user's conversations as a {@code ChatMemoryRepository}.
 */
@NullMarked
package io.todokit.springai;

import org.jspecify.annotations.NullMarked;
