package io.todokit.mcp;

import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One tool: its name, description, schemas, hints, and what it does for the acting user.
 *
 * @param argumentNames the names its input schema allows
 */
record Tool(
    String name,
    String title,
    String description,
    Map<String, Object> inputSchema,
    List<String> argumentNames,
    Map<String, Object> outputSchema,
    ToolAnnotations annotations,
    Handler handler) {

  /** What a tool does: the structured result for the acting user and the call's arguments. */
  @FunctionalInterface
  interface Handler {
    Map<String, Object> call(UUID userId, Arguments arguments);
  }

  static Tool of(
      String name,
      String description,
      Schemas.ObjectSchema input,
      Map<String, Object> outputSchema,
      ToolAnnotations annotations,
      Handler handler) {
    return new Tool(
        name,
        annotations.title(),
        description,
        input.input(),
        input.names(),
        outputSchema,
        annotations,
        handler);
  }

  /** Hints: read-only, or changing with the given destructiveness and idempotency. */
  static ToolAnnotations readOnly(String title) {
    return new ToolAnnotations(title, true, false, true, false, null);
  }

  static ToolAnnotations writes(String title, boolean destructive, boolean idempotent) {
    return new ToolAnnotations(title, false, destructive, idempotent, false, null);
  }
}
