package io.todokit.tools;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a tree of parsed JSON ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code
 * Boolean}, null) back as compact JSON text, the way a JSON library writes it. Stateless.
 */
final class JsonText {

  private static final String HEX = "0123456789abcdef";

  private JsonText() {}

  /**
   * The JSON text of a tree.
   *
   * @throws IllegalArgumentException for a value that is not JSON (a map key that is not a string,
   *     a number that is not finite, any other type)
   */
  static String write(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, @Nullable Object value) {
    switch (value) {
      case null -> out.append("null");
      case String text -> string(out, text);
      case Boolean bool -> out.append(bool);
      case Double d when !Double.isFinite(d) -> throw new IllegalArgumentException("not finite");
      case Float f when !Float.isFinite(f) -> throw new IllegalArgumentException("not finite");
      case Number number -> out.append(number);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            throw new IllegalArgumentException("a key that is not a string");
          }
          if (!first) {
            out.append(',');
          }
          first = false;
          string(out, key);
          out.append(':');
          append(out, entry.getValue());
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          append(out, list.get(i));
        }
        out.append(']');
      }
      default -> throw new IllegalArgumentException("not JSON: " + value.getClass().getName());
    }
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
