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
  void takesAUserAndPasswordOutOfAJdbcUrlToo() {
    // pgjdbc itself would take "ops:p@ss@db" for a host name, and print it in its errors.
    assertThat(PostgresUrl.parse("jdbc:postgresql://ops:p%40ss@db:5432/todo?sslmode=require"))
        .isEqualTo(
            new PostgresUrl("jdbc:postgresql://db:5432/todo?sslmode=require", "ops", "p@ss"));
    assertThat(PostgresUrl.parse("jdbc:postgresql://ops@db/todo"))
        .isEqualTo(new PostgresUrl("jdbc:postgresql://db/todo", "ops", null));
    assertThat(PostgresUrl.parse("jdbc:postgresql://ops:one@db/todo?password=two"))
        .isEqualTo(new PostgresUrl("jdbc:postgresql://db/todo", "ops", "two"));
  }

  @Test
  void takesTheSslKeyPasswordOutOfBothForms() {
    assertThat(PostgresUrl.parse("jdbc:postgresql://db/todo?sslmode=verify-full&sslpassword=k%26y"))
        .isEqualTo(
            new PostgresUrl("jdbc:postgresql://db/todo?sslmode=verify-full", null, null, "k&y"));
    assertThat(PostgresUrl.parse("postgresql://ops@db/todo?sslpassword=key"))
        .isEqualTo(new PostgresUrl("jdbc:postgresql://db/todo", "ops", null, "key"));
    assertThat(PostgresUrl.parse("postgresql://db/todo?sslpassword=key").carriesPassword())
        .isTrue();
    assertThat(PostgresUrl.parse("postgresql://ops@db/todo").carriesPassword()).isFalse();
  }

  @Test
  void takesPasswordsWithUnencodedSlashesAtSignsOrPercentSignsOutWhole() {
    assertThat(PostgresUrl.parse("jdbc:postgresql://ops:pa/s@s@db/todo"))
        .isEqualTo(new PostgresUrl("jdbc:postgresql://db/todo", "ops", "pa/s@s"));
    assertThat(PostgresUrl.parse("postgresql://ops:pa/s@s@db/todo"))
        .isEqualTo(new PostgresUrl("jdbc:postgresql://db/todo", "ops", "pa/s@s"));
    assertThat(PostgresUrl.parse("postgresql://ops:50%off@db/todo").password()).isEqualTo("50%off");
    assertThat(PostgresUrl.parse("jdbc:postgresql://db/todo?password=50%zz").password())
        .isEqualTo("50%zz");
  }

  @Test
  void showsAJdbcUrlWithAnyPasswordLeftInItHidden() {
    assertThat(new PostgresUrl("jdbc:postgresql://ops:pw@db/todo", null, null).toString())
        .isEqualTo("jdbc:postgresql://ops:***@db/todo");
  }

  @Test
  void redactsPasswordsInAnyText() {
    assertThat(
            PostgresUrl.redact(
                "Unknown options: '--urll', 'postgresql://ops:p@ss@db/todo', 'x?password=s&a=b',"
                    + " sslpassword=k"))
        .isEqualTo(
            "Unknown options: '--urll', 'postgresql://ops:***@db/todo', 'x?password=***&a=b',"
                + " sslpassword=***");
  }

  @Test
  void rejectsUnixSockets() {
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://%2Fvar%2Frun%2Fpostgresql/todo"))
        .hasMessageContaining("Unix-domain sockets are not supported");
  }
}
