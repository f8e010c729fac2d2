package io.todokit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog rules that a schema distributed with Citus on {@code user_id} needs, checked on plain
 * PostgreSQL (docs/distributed.md): a later migration that breaks one fails the build. The tables
 * are those of {@link Distribution}.
 */
class DistributableCatalogTest {

  private static TestDatabase db;

  @BeforeAll
  static void migrate() {
    db = TestDatabase.migrated();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void everyTableIsATenantOrAReferenceTable() throws SQLException {
    List<String> declared = new ArrayList<>(Distribution.tenantTables());
    declared.addAll(Distribution.referenceTables());
    assertThat(
            strings(
                "SELECT relname FROM pg_class WHERE relnamespace = ?::regnamespace"
                    + " AND relkind IN ('r', 'p') AND relname <> 'todokit_schema_history'",
                TodoSchema.DEFAULT_SCHEMA))
        .containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void theSchemaKeepsEveryRule() throws SQLException {
    assertThat(violations(TodoSchema.DEFAULT_SCHEMA)).isEmpty();
  }

  /** The rules are not vacuous: a schema that breaks each of them is reported, rule by rule. */
  @Test
  void aSchemaThatBreaksTheRulesIsReported() throws SQLException {
    SchemaMigrationTest.execute(
        db,
        """
        CREATE SCHEMA broken;
        CREATE TABLE broken.users (id uuid PRIMARY KEY, email text);
        CREATE UNIQUE INDEX users_email_key ON broken.users (email);
        CREATE TABLE broken.tasks (user_id uuid NOT NULL, id uuid NOT NULL, code text,
            template_id uuid, CONSTRAINT tasks_pkey PRIMARY KEY (id),
            CONSTRAINT tasks_code_key UNIQUE (code));
        CREATE TABLE broken.notes (user_id uuid NOT NULL, id uuid NOT NULL, task_id uuid,
            CONSTRAINT notes_pkey PRIMARY KEY (user_id, id));
        CREATE UNIQUE INDEX notes_task_key ON broken.notes (task_id);
        ALTER TABLE broken.tasks ADD CONSTRAINT tasks_id_user_key UNIQUE (user_id, id);
        ALTER TABLE broken.notes ADD CONSTRAINT notes_task_fkey FOREIGN KEY (task_id)
            REFERENCES broken.tasks (id);
        ALTER TABLE broken.notes ADD CONSTRAINT notes_task_user_fkey FOREIGN KEY (user_id, task_id)
            REFERENCES broken.tasks (user_id, id) ON DELETE SET NULL (task_id);
        CREATE FUNCTION broken.probe(v text) RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN RETURN v <> ''; EXCEPTION WHEN others THEN RETURN false; END $$;
        ALTER TABLE broken.notes ADD CONSTRAINT notes_probe CHECK (broken.probe(id::text));
        """);
    try {
      assertThat(violations("broken"))
          .containsExactlyInAnyOrder(
              "tasks: tasks_pkey leaves out user_id",
              "tasks: tasks_code_key leaves out user_id",
              "notes: notes_task_key leaves out user_id",
              "notes: foreign key notes_task_fkey does not match user_id to user_id",
              "notes: foreign key notes_task_user_fkey has ON DELETE SET NULL or SET DEFAULT",
              "notes: check notes_probe calls probe, which has an EXCEPTION block");
    } finally {
      SchemaMigrationTest.execute(db, "DROP SCHEMA broken CASCADE");
    }
  }

  @Test
  void theDistributionScriptListsTheTablesOfDistribution() throws IOException {
    String script = script();
    assertThat(arrayIn(script, "tenant")).isEqualTo(Distribution.tenantTables());
    assertThat(arrayIn(script, "reference")).isEqualTo(Distribution.referenceTables());
    assertThat(script).contains("citus.enable_unsafe_triggers");
  }

  @Test
  void theDistributionScriptRefusesAServerWithoutCitusAndChangesNothing() throws Exception {
    Catalog before = SchemaMigrationTest.catalog(db);
    String script = script();
    assertThatThrownBy(() -> SchemaMigrationTest.execute(db, script))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("citus extension not installed");
    assertThat(SchemaMigrationTest.catalog(db)).isEqualTo(before);
  }

  /**
   * What in the schema breaks Citus's rules for tables distributed on user_id, one line each: a
   * tenant table's primary key, unique constraint or unique index without user_id; a foreign key
   * between tenant tables that does not match user_id to user_id; a foreign key including user_id
   * with ON DELETE SET NULL or SET DEFAULT; a CHECK calling a function with an EXCEPTION block.
   * Tables other than the reference tables count as tenant tables.
   */
  static List<String> violations(String schema) throws SQLException {
    List<String> found = new ArrayList<>();
    String referenceTables = String.join(",", Distribution.referenceTables());
    // Primary keys, unique constraints and unique indexes of tenant tables.
    found.addAll(
        strings(
            "SELECT t.relname || ': ' || i.relname || ' leaves out user_id'"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                + " JOIN pg_class t ON t.oid = x.indrelid"
                + " WHERE t.relnamespace = ?::regnamespace AND x.indisunique"
                + " AND t.relname <> 'todokit_schema_history'"
                + " AND t.relname <> ALL (string_to_array(?, ','))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid"
                + " AND a.attname = 'user_id' AND a.attnum = ANY (x.indkey::int2[]))",
            schema,
            referenceTables));
    // Foreign keys between tenant tables: user_id must reference user_id.
    found.addAll(
        strings(
            "SELECT t.relname || ': foreign key ' || c.conname || ' does not match user_id to user_id'"
                + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                + " JOIN pg_class r ON r.oid = c.confrelid"
                + " WHERE c.contype = 'f' AND t.relnamespace = ?::regnamespace"
                + " AND t.relname <> ALL (string_to_array(?, ','))"
                + " AND r.relname <> ALL (string_to_array(?, ','))"
                + " AND NOT EXISTS (SELECT 1 FROM unnest(c.conkey, c.confkey) AS k(mine, theirs)"
                + " JOIN pg_attribute ma ON ma.attrelid = c.conrelid AND ma.attnum = k.mine"
                + " JOIN pg_attribute ta ON ta.attrelid = c.confrelid AND ta.attnum = k.theirs"
                + " WHERE ma.attname = 'user_id' AND ta.attname = 'user_id')",
            schema,
            referenceTables,
            referenceTables));
    // SET NULL / SET DEFAULT on a foreign key that includes user_id.
    found.addAll(
        strings(
            "SELECT t.relname || ': foreign key ' || c.conname"
                + " || ' has ON DELETE SET NULL or SET DEFAULT'"
                + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                + " WHERE c.contype = 'f' AND t.relnamespace = ?::regnamespace"
                + " AND (c.confdeltype IN ('n', 'd') OR c.confupdtype IN ('n', 'd'))"
                + " AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid"
                + " AND a.attname = 'user_id' AND a.attnum = ANY (c.conkey))",
            schema));
    // CHECK constraints calling a function with an EXCEPTION block (pg_depend records the call).
    found.addAll(
        strings(
            "SELECT t.relname || ': check ' || c.conname || ' calls ' || p.proname"
                + " || ', which has an EXCEPTION block'"
                + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                + " JOIN pg_depend d ON d.classid = 'pg_constraint'::regclass AND d.objid = c.oid"
                + " AND d.refclassid = 'pg_proc'::regclass"
                + " JOIN pg_proc p ON p.oid = d.refobjid"
                + " JOIN pg_language l ON l.oid = p.prolang"
                + " WHERE c.contype = 'c' AND t.relnamespace = ?::regnamespace"
                + " AND l.lanname = 'plpgsql' AND p.prosrc ~* '\\mEXCEPTION\\M'",
            schema));
    return found;
  }

  private static String script() throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            Distribution.class.getClassLoader().getResourceAsStream(Distribution.SCRIPT),
            Distribution.SCRIPT)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The names of {@code <variable> text[] := ARRAY['a', 'b']} in the script. */
  private static List<String> arrayIn(String script, String variable) {
    Matcher matcher =
        Pattern.compile("\\b" + variable + "\\s+text\\[\\]\\s*:=\\s*ARRAY\\[([^\\]]*)\\]")
            .matcher(script);
    assertThat(matcher.find()).as("%s in %s", variable, Distribution.SCRIPT).isTrue();
    return Arrays.stream(matcher.group(1).split(","))
        .map(name -> name.strip().replace("'", ""))
        .toList();
  }

  private static List<String> strings(String sql, String... parameters) throws SQLException {
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(result.getString(1));
        }
      }
      return rows;
    }
  }
}
