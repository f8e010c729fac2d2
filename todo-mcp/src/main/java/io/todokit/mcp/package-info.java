/**
 * todo-mcp: a user's tasks, tags, reminders and recurring tasks as MCP tools. {@link
 * io.todokit.mcp.TodoTools} gives the tool specifications a service registers in its own MCP
 * server; {@link io.todokit.mcp.TodoMcp} is the runnable server (stdio or Streamable HTTP).
 */
@NullMarked
package io.todokit.mcp;

import org.jspecify.annotations.NullMarked;
