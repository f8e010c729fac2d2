package io.todokit.dao.portability;

/** COPY's text format: the escapes of a field, and the literal of an array. */
final class CopyText {

  /** The field separator and the null marker of COPY's text format. */
  static final String NULL = "\\N";

  private CopyText() {}

  /** Appends {@code value} escaped for one field of COPY's text format. */
  static void appendField(StringBuilder row, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> row.append("\\\\");
        case '\n' -> row.append("\\n");
        case '\r' -> row.append("\\r");
        case '\t' -> row.append("\\t");
        default -> row.append(c);
      }
    }
  }

  /** An array literal ({@code {"a","b"}}) of elements given as their text forms. */
  static String arrayLiteral(Iterable<String> elements) {
    StringBuilder literal = new StringBuilder("{");
    boolean first = true;
    for (String element : elements) {
      if (!first) {
        literal.append(',');
      }
      first = false;
      literal.append('"');
      for (int i = 0; i < element.length(); i++) {
        char c = element.charAt(i);
        if (c == '"' || c == '\\') {
          literal.append('\\');
        }
        literal.append(c);
      }
      literal.append('"');
    }
    return literal.append('}').toString();
  }
}
