package io.todokit.schema;

import io.todokit.schema.VerificationReport.Check;
import io.todokit.schema.VerificationReport.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The objects a database at the head of the migrations must hold, read from {@code
 * expected-schema.txt} beside this class, and their comparison with a {@link Catalog}.
 */
final class ExpectedSchema {

  /**
   * One expected object.
   *
   * @param kind what it is
   * @param name its qualified name ({@code table.column}, {@code table.index}, …)
   * @param expected what its definition must say (type and nullability, the start of a constraint's
   *     definition, text a function's definition contains, enum values), empty when existence is
   *     enough
   */
  record Entry(Kind kind, String name, String expected) {}

  private final List<Entry> entries;

  private ExpectedSchema(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  static ExpectedSchema load() {
    try (InputStream in = ExpectedSchema.class.getResourceAsStream("expected-schema.txt")) {
      Objects.requireNonNull(in, "expected-schema.txt is missing from the todo-schema jar");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Entry> entries = new ArrayList<>();
      for (String line : text.split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split(" ", 3);
        Kind kind = Kind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        entries.add(new Entry(kind, parts[1], parts.length > 2 ? parts[2] : ""));
      }
      return new ExpectedSchema(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Entry> entries() {
    return entries;
  }

  /** One check per expected object: present, and defined as expected. */
  List<Check> compare(Catalog catalog) {
    List<Check> checks = new ArrayList<>();
    for (Entry entry : entries) {
      checks.add(
          switch (entry.kind()) {
            case TABLE -> presence(entry, catalog.tables());
            case COLUMN -> column(entry, catalog.columns());
            case INDEX -> presence(entry, catalog.indexes());
            case CONSTRAINT -> constraint(entry, catalog.constraints());
            case TRIGGER -> presence(entry, catalog.triggers());
            case FUNCTION -> function(entry, catalog.functions());
            case TYPE -> enumType(entry, catalog.types());
            case VERSION, DATA -> throw new IllegalStateException("not a catalog object: " + entry);
          });
    }
    return checks;
  }

  private static Check presence(Entry entry, Map<String, String> found) {
    boolean present = found.containsKey(entry.name());
    return new Check(entry.kind(), entry.name(), present, present ? "" : "missing");
  }

  private static Check column(Entry entry, Map<String, String> found) {
    String actual = found.get(entry.name());
    if (actual == null) {
      return new Check(entry.kind(), entry.name(), false, "missing; expected " + entry.expected());
    }
    int defaultAt = actual.indexOf(" DEFAULT ");
    String definition = defaultAt < 0 ? actual : actual.substring(0, defaultAt);
    boolean matches = definition.equals(entry.expected());
    return new Check(
        entry.kind(),
        entry.name(),
        matches,
        matches ? entry.expected() : "expected " + entry.expected() + ", found " + definition);
  }

  private static Check constraint(Entry entry, Map<String, String> found) {
    String actual = found.get(entry.name());
    if (actual == null) {
      return new Check(entry.kind(), entry.name(), false, "missing; expected " + entry.expected());
    }
    boolean matches = actual.startsWith(entry.expected());
    return new Check(
        entry.kind(),
        entry.name(),
        matches,
        matches ? entry.expected() : "expected " + entry.expected() + ", found " + actual);
  }

  /** A function whose definition must contain the expected text, e.g. the rule it applies. */
  private static Check function(Entry entry, Map<String, String> found) {
    String definition = found.get(entry.name());
    if (definition == null || entry.expected().isEmpty()) {
      return presence(entry, found);
    }
    boolean matches = definition.contains(entry.expected());
    return new Check(
        entry.kind(),
        entry.name(),
        matches,
        matches ? "" : "its definition does not contain " + entry.expected());
  }

  private static Check enumType(Entry entry, Map<String, String> found) {
    String actual = found.get(entry.name());
    if (actual == null) {
      return new Check(entry.kind(), entry.name(), false, "missing; expected " + entry.expected());
    }
    boolean matches = actual.equals(entry.expected());
    return new Check(
        entry.kind(),
        entry.name(),
        matches,
        matches ? entry.expected() : "expected " + entry.expected() + ", found " + actual);
  }
}
