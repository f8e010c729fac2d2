package io.todokit.schema;

import static io.todokit.schema.SchemaMigrationTest.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * V11 on a real PostgreSQL: {@code todokit_is_blank} is Java's notion of white space, the replaced
 * constraints (same names) refuse text of Unicode spaces only, and {@code todokit_is_time_zone}
 * takes region ids only.
 */
class TextAndZoneChecksTest {

  private static final String ALICE = "00000000-0000-0000-0000-00000000000a";
  private static final String CONVERSATION = "20000000-0000-0000-0000-000000000001";
  private static final String BLANK = "\u00a0\u2003";
  private static final String NOT_BLANK = "a\u00a0b";

  private static TestDatabase db;

  @BeforeAll
  static void migratedDatabaseWithAUserAndAConversation() throws SQLException {
    db = TestDatabase.migrated();
    execute(
        db,
        "INSERT INTO users (id, username, email, password_hash) VALUES ('"
            + ALICE
            + "', 'alice', 'alice@example.org', 'hash');"
            + "INSERT INTO conversations (user_id, id, title) VALUES ('"
            + ALICE
            + "', '"
            + CONVERSATION
            + "', 'chat')");
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  /** Java's definition, the one the library and its users apply before they write. */
  private static boolean javaBlank(String text) {
    return text.codePoints()
        .allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp));
  }

  @Test
  void isBlankAgreesWithJavaOnEveryCodePointOfTheBmpAndASampleAboveIt() throws SQLException {
    // PostgreSQL text holds neither NUL nor (in UTF-8) the surrogate halves.
    int[] codePoints =
        IntStream.concat(
                IntStream.rangeClosed(0x0001, 0xFFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF),
                IntStream.concat(
                    IntStream.iterate(0x10000, cp -> cp <= 0x10FFFF, cp -> cp + 251),
                    IntStream.of(0x1F600, 0xE0020, 0x10FFFF)))
            .toArray();
    List<Integer> javaBlank = new ArrayList<>();
    String[] texts = new String[codePoints.length];
    Integer[] numbers = new Integer[codePoints.length];
    for (int i = 0; i < codePoints.length; i++) {
      texts[i] = Character.toString(codePoints[i]);
      numbers[i] = codePoints[i];
      if (javaBlank(texts[i])) {
        javaBlank.add(codePoints[i]);
      }
    }

    List<Integer> databaseBlank = new ArrayList<>();
    long compared;
    try (Connection connection = SchemaMigrationTest.connect(db);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT cp, todokit_is_blank(v) FROM unnest(?::text[], ?::int[]) AS t(v, cp)")) {
      statement.setArray(1, connection.createArrayOf("text", texts));
      statement.setArray(2, connection.createArrayOf("int4", numbers));
      compared = 0;
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          compared++;
          if (rows.getBoolean(2)) {
            databaseBlank.add(rows.getInt(1));
          }
        }
      }
    }

    assertThat(compared).isEqualTo(codePoints.length);
    assertThat(databaseBlank.stream().map(cp -> String.format("U+%04X", cp)))
        .containsExactlyElementsOf(
            javaBlank.stream().map(cp -> String.format("U+%04X", cp)).toList());
    // The set the migration's comment lists, as the JDK (21 to 25) defines it.
    assertThat(javaBlank)
        .containsExactly(
            0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0xA0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028,
            0x2029, 0x202F, 0x205F, 0x3000);
  }

  @Test
  void isBlankLooksAtTheWholeTextAndKeepsNullNull() throws SQLException {
    Map<String, Boolean> expected = new LinkedHashMap<>();
    for (String text :
        List.of(
            "",
            " ",
            BLANK,
            " \t\r\n\u000b\f",
            "\u3000\u205f\u202f",
            NOT_BLANK,
            "x",
            "\u3000x",
            "\u200b",
            "\u180e",
            "\ufeff",
            "\u0085")) {
      expected.put(text, javaBlank(text));
    }

    Map<String, Boolean> actual = new LinkedHashMap<>();
    try (Connection connection = SchemaMigrationTest.connect(db);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT v, todokit_is_blank(v) FROM unnest(?::text[]) WITH ORDINALITY AS t(v, i)"
                    + " ORDER BY i")) {
      statement.setArray(1, connection.createArrayOf("text", expected.keySet().toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          actual.put(rows.getString(1), rows.getBoolean(2));
        }
      }
    }

    assertThat(actual).containsExactlyEntriesOf(expected);
    assertThat(expected).containsEntry(BLANK, true).containsEntry(NOT_BLANK, false);
    assertThat(queryBoolean("SELECT todokit_is_blank(NULL) IS NULL")).isTrue();
  }

  @Test
  void replacedConstraintsKeepTheirNamesAndRefuseTextOfUnicodeSpacesOnly() {
    Map<String, String> insertWith = new LinkedHashMap<>();
    insertWith.put(
        "tasks_title_length", "INSERT INTO tasks (user_id, title) VALUES ('" + ALICE + "', ?)");
    insertWith.put(
        "recurring_tasks_title_length",
        "INSERT INTO recurring_tasks (user_id, title, recurrence_rule, starts_at, next_due_at)"
            + " VALUES ('"
            + ALICE
            + "', ?, '{\"frequency\": \"daily\"}', now(), now())");
    insertWith.put(
        "conversations_title_length",
        "INSERT INTO conversations (user_id, title) VALUES ('" + ALICE + "', ?)");
    insertWith.put(
        "tags_name_length", "INSERT INTO tags (user_id, name) VALUES ('" + ALICE + "', ?)");
    insertWith.put(
        "users_password_hash_not_blank",
        "INSERT INTO users (username, email, password_hash)"
            + " VALUES ('u' || md5(random()::text), md5(random()::text) || '@x.org', ?)");
    insertWith.put(
        "messages_tool_call_id_not_blank",
        "INSERT INTO messages (user_id, conversation_id, role, content, tool_call_id) VALUES ('"
            + ALICE
            + "', '"
            + CONVERSATION
            + "', 'tool', 'result', ?)");

    insertWith.forEach(
        (constraint, sql) -> {
          assertThat(violatedConstraint(sql, BLANK))
              .as("%s with %s", constraint, "U+00A0 U+2003")
              .isEqualTo(constraint);
          assertThat(violatedConstraint(sql, ""))
              .as("%s with ''", constraint)
              .isEqualTo(constraint);
          assertThat(violatedConstraint(sql, NOT_BLANK))
              .as("%s with a U+00A0 b", constraint)
              .isNull();
        });
  }

  @Test
  void tagNamesStayTrimmedOfAsciiSpacesAndAtMost50Characters() {
    String insert = "INSERT INTO tags (user_id, name) VALUES ('" + ALICE + "', ?)";

    assertThat(violatedConstraint(insert, " padded ")).isEqualTo("tags_name_length");
    assertThat(violatedConstraint(insert, "x".repeat(51))).isEqualTo("tags_name_length");
    assertThat(violatedConstraint(insert, "y".repeat(50))).isNull();
    assertThat(violatedConstraint(insert, "\u00a0nbsp inside is kept")).isNull();
  }

  @Test
  void timeZoneFunctionTakesRegionIdsOnly() throws SQLException {
    List<String> refused =
        List.of(
            "Z",
            "UT",
            "GMT",
            "EST",
            "EST5EDT",
            "+02:00",
            "UTC+1",
            "utc",
            "GMT+5",
            "Etc/",
            "/Europe/Berlin",
            "Europe/Berlin ",
            "Mars/Olympus",
            "");
    List<String> accepted =
        List.of(
            "UTC",
            "Europe/Berlin",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+5",
            "Etc/GMT-14",
            "Etc/UTC",
            "America/Port-au-Prince");
    List<String> all = new ArrayList<>(refused);
    all.addAll(accepted);

    Map<String, Boolean> actual = new LinkedHashMap<>();
    try (Connection connection = SchemaMigrationTest.connect(db);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT z, todokit_is_time_zone(z) FROM unnest(?::text[]) WITH ORDINALITY AS t(z, i)"
                    + " ORDER BY i")) {
      statement.setArray(1, connection.createArrayOf("text", all.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          actual.put(rows.getString(1), rows.getBoolean(2));
        }
      }
    }

    Map<String, Boolean> expected = new LinkedHashMap<>();
    refused.forEach(zone -> expected.put(zone, false));
    accepted.forEach(zone -> expected.put(zone, true));
    assertThat(actual).containsExactlyEntriesOf(expected);
    assertThat(queryBoolean("SELECT todokit_is_time_zone(NULL) IS NULL")).isTrue();
  }

  @Test
  void timeZoneConstraintsRefuseAliasesAndOffsets() {
    String user =
        "INSERT INTO users (username, email, password_hash, time_zone)"
            + " VALUES ('u' || md5(random()::text), md5(random()::text) || '@x.org', 'h', ?)";
    String template =
        "INSERT INTO recurring_tasks"
            + " (user_id, title, recurrence_rule, time_zone, starts_at, next_due_at) VALUES ('"
            + ALICE
            + "', 'daily', '{\"frequency\": \"daily\"}', ?, now(), now())";

    for (String zone : List.of("GMT", "Z", "EST5EDT", "+02:00")) {
      assertThat(violatedConstraint(user, zone)).as(zone).isEqualTo("users_time_zone_valid");
      assertThat(violatedConstraint(template, zone))
          .as(zone)
          .isEqualTo("recurring_tasks_time_zone_valid");
    }
    assertThat(violatedConstraint(user, "Etc/GMT+5")).isNull();
    assertThat(violatedConstraint(template, "America/Argentina/Buenos_Aires")).isNull();
  }

  /** Runs {@code sql} with one text parameter; the constraint it broke, or null when it passed. */
  private static @Nullable String violatedConstraint(String sql, String value) {
    try (Connection connection = SchemaMigrationTest.connect(db);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      statement.executeUpdate();
      return null;
    } catch (PSQLException e) {
      assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("23514");
      return e.getServerErrorMessage().getConstraint();
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  private static boolean queryBoolean(String sql) throws SQLException {
    try (Connection connection = SchemaMigrationTest.connect(db);
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getBoolean(1);
    }
  }
}
