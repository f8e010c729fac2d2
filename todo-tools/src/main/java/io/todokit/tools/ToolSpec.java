package io.todokit.tools;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One tool as every adapter offers it: its name, description, schemas, hints, and what it does for
 * the acting user. Immutable; thread-safe as its handler is.
 *
 * @param name the tool's name, e.g. {@code add_task}
 * @param description what a model reads about it
 * @param inputSchema its closed JSON Schema object of arguments
 * @param argumentNames the names its input schema allows
 * @param outputSchema the JSON Schema of its result
 * @param hints its title and behaviour hints
 * @param handler what it does
 */
public record ToolSpec(
    String name,
    String description,
    Map<String, Object> inputSchema,
    List<String> argumentNames,
    Map<String, Object> outputSchema,
    Hints hints,
    Handler handler) {

  /** Copies the argument names. */
  public ToolSpec {
    argumentNames = List.copyOf(argumentNames);
  }

  /** What a tool does: the structured result for the acting user and the call's arguments. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Runs the tool.
     *
     * @param userId the acting user, as the adapter found it (never an argument)
     * @param arguments the call's arguments
     * @return the result, a tree of maps, lists, strings, numbers and booleans
     * @throws io.todokit.dao.TodoException for bad arguments or a refused effect
     */
    Map<String, Object> call(UUID userId, Arguments arguments);
  }

  /**
   * A human title and what a call does, for MCP's tool annotations.
   *
   * @param title the title
   * @param readOnly whether it changes nothing
   * @param destructive whether it may delete or overwrite
   * @param idempotent whether repeating it changes nothing more
   */
  public record Hints(String title, boolean readOnly, boolean destructive, boolean idempotent) {}

  /** A tool whose input schema and argument names come from one object schema. */
  public static ToolSpec of(
      String name,
      String description,
      Schemas.ObjectSchema input,
      Map<String, Object> outputSchema,
      Hints hints,
      Handler handler) {
    return new ToolSpec(
        name, description, input.input(), input.names(), outputSchema, hints, handler);
  }

  /** The hints of a tool that only reads. */
  public static Hints readOnly(String title) {
    return new Hints(title, true, false, true);
  }

  /** The hints of a tool that writes. */
  public static Hints writes(String title, boolean destructive, boolean idempotent) {
    return new Hints(title, false, destructive, idempotent);
  }
}
