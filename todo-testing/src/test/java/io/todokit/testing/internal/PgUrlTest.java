package io.todokit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and rewriting server URLs: no server. */
class PgUrlTest {

  @Test
  void jdbcUrlKeepsHostsDatabaseAndParameters() {
    PgUrl url = PgUrl.parse("jdbc:postgresql://h1:5432,h2:5433/todo?sslmode=require&user=u");

    assertThat(url.hosts()).isEqualTo("h1:5432,h2:5433");
    assertThat(url.database()).isEqualTo("todo");
    assertThat(url.parameters()).isEqualTo(Map.of("sslmode", "require"));
    assertThat(url.user()).isEqualTo("u");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/todo?sslmode=require");
  }

  @Test
  void withDatabaseSwapsOnlyTheDatabase() {
    PgUrl url = PgUrl.parse("jdbc:postgresql://db:5432/postgres?ApplicationName=x");

    assertThat(url.withDatabase("todokit_test_1").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db:5432/todokit_test_1?ApplicationName=x");
  }

  @Test
  void shortJdbcFormsDefaultToLocalhost() {
    assertThat(PgUrl.parse("jdbc:postgresql:todo").jdbcUrl())
        .isEqualTo("jdbc:postgresql://localhost/todo");
    assertThat(PgUrl.parse("jdbc:postgresql:///todo").hosts()).isEqualTo("localhost");
    assertThat(PgUrl.parse("jdbc:postgresql://db").database()).isEmpty();
  }

  @Test
  void libpqUriWithIpv6HostAndEncodedPassword() {
    PgUrl url = PgUrl.parse("postgresql://me:a%2Fb%3Ac@[::1]:5432/x%20y");

    assertThat(url.hosts()).isEqualTo("[::1]:5432");
    assertThat(url.database()).isEqualTo("x y");
    assertThat(url.user()).isEqualTo("me");
    assertThat(url.password()).isEqualTo("a/b:c");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/x%20y");
  }

  @Test
  void ofBracketsIpv6Addresses() {
    assertThat(PgUrl.of("::1", 5432, "postgres").jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5432/postgres");
    assertThat(PgUrl.of("127.0.0.1", 54321, "postgres").jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:54321/postgres");
  }

  @Test
  void redactMasksPasswordsInBothForms() {
    assertThat(PgUrl.redact("postgresql://u:secret@h/db")).isEqualTo("postgresql://u:***@h/db");
    assertThat(PgUrl.redact("jdbc:postgresql://h/db?user=u&password=secret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
  }

  @Test
  void otherSchemesAreRejected() {
    assertThatThrownBy(() -> PgUrl.parse("jdbc:mysql://h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PostgreSQL URL");
  }

  @Test
  void databaseNamesAreValidatedAndQuoted() {
    assertThat(RunningServer.quote("todokit_test_ab12")).isEqualTo("\"todokit_test_ab12\"");
    assertThat(RunningServer.quote("My-Db$1")).isEqualTo("\"My-Db$1\"");
    for (String bad : new String[] {"", "1abc", "a\"b", "a b", "x;DROP", "a".repeat(64)}) {
      assertThatThrownBy(() -> RunningServer.quote(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid database name");
    }
  }
}
