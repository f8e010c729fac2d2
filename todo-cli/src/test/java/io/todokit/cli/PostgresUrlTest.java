package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** JDBC URLs and libpq URIs, with credentials taken out. */
class PostgresUrlTest {

  @Test
  void keepsAJdbcUrlAndTakesOutItsCredentials() {
    assertThat(PostgresUrl.parse("jdbc:postgresql://db:5432/todo"))
        .isEqualTo(new PostgresUrl("jdbc:postgresql://db:5432/todo", null, null));
    assertThat(
            PostgresUrl.parse("jdbc:postgresql://db/todo?user=ops&sslmode=require&password=p%40ss"))
        .isEqualTo(new PostgresUrl("jdbc:postgresql://db/todo?sslmode=require", "ops", "p@ss"));
  }

  @Test
  void turnsALibpqUriIntoAJdbcUrl() {
    assertThat(
            PostgresUrl.parse("postgresql://ops:p%40ss@db.example:6432/todo?sslmode=verify-full"))
        .isEqualTo(
            new PostgresUrl(
                "jdbc:postgresql://db.example:6432/todo?sslmode=verify-full", "ops", "p@ss"));
    assertThat(PostgresUrl.parse("postgres://ops@db/todo"))
        .isEqualTo(new PostgresUrl("jdbc:postgresql://db/todo", "ops", null));
    assertThat(PostgresUrl.parse("postgresql:///todo"))
        .isEqualTo(new PostgresUrl("jdbc:postgresql://localhost/todo", null, null));
    assertThat(
            PostgresUrl.parse(
                "postgresql://h1:5432,h2:5433/todo?application_name=ops&connect_timeout=5"))
        .isEqualTo(
            new PostgresUrl(
                "jdbc:postgresql://h1:5432,h2:5433/todo?ApplicationName=ops&connectTimeout=5",
                null,
                null));
  }

  @Test
  void neverShowsThePassword() {
    PostgresUrl url = PostgresUrl.parse("postgresql://ops:secret@db/todo");

    assertThat(url.toString()).isEqualTo("jdbc:postgresql://db/todo");
    assertThatThrownBy(() -> PostgresUrl.parse("jdbc:mysql://db/todo?user=a&password=secret"))
        .hasMessageStartingWith("not a PostgreSQL URL: 'jdbc:mysql://db/todo?user=a&password=***'");
  }

  @Test
  void rejectsUnixSockets() {
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://%2Fvar%2Frun%2Fpostgresql/todo"))
        .hasMessageContaining("Unix-domain sockets are not supported");
  }
}
