/**
 * LangChain4j chat memory over todokit: {@link io.todokit.langchain4j.TodoChatMemoryStore}, keyed
 * by {@link io.todokit.langchain4j.MemoryId}.
 */
@NullMarked
package io.todokit.langchain4j;

import org.jspecify.annotations.NullMarked;
