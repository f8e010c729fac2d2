/**
 * Tool definitions shared by todokit's model adapters (todo-mcp, todo-spring-ai); not a stable API.
 * Arguments come in as already-parsed JSON ({@code Map<String, ?>}); schemas and results go out as
 * plain {@code Map}/{@code List}/{@code String}/{@code Number}/{@code Boolean} trees that each
 * adapter writes with its own JSON library.
 */
@NullMarked
package io.todokit.tools;

import org.jspecify.annotations.NullMarked;
