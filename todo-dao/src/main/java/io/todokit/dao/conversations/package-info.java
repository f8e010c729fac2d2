/**
 * The chatbot's memory: {@link io.todokit.dao.conversations.ConversationDao}, conversations and
 * their strictly ordered messages, including tool calls and the tool messages that answer them.
 */
@NullMarked
package io.todokit.dao.conversations;

import org.jspecify.annotations.NullMarked;
