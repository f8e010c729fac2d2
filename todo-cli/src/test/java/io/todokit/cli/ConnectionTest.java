package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** How todo-cli finds the database, and how it fails when it cannot: exit 2, one line. */
class ConnectionTest {

  private static TestDatabase db;

  @TempDir Path directory;

  @BeforeAll
  static void emptyDatabase() {
    db = TestDatabase.empty();
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void aMissingUrlSaysHowToGiveOne() {
    Cli.Result result = Cli.run("info");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "todo-cli: error: no database given: pass --url jdbc:postgresql://host:port/db"
                + " or set the environment variable TODO_PG_URL\n");
  }

  @Test
  void anUnreachableServerIsOneLineWithoutAStackTrace() {
    Cli.Result result = Cli.run("info", "--url", "jdbc:postgresql://127.0.0.1:1/todo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith(
            "todo-cli: error: cannot connect to jdbc:postgresql://127.0.0.1:1/todo:"
                + " Connection to 127.0.0.1:1 refused.")
        .doesNotContain("\tat ");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Cli.Result result = Cli.run("info", "--verbose", "--url", "jdbc:postgresql://127.0.0.1:1/todo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("\tat ").contains("java.net.ConnectException");
  }

  @Test
  void aUrlOfAnotherDatabaseIsRejectedWithoutRepeatingItsPassword() {
    Cli.Result result = Cli.run("verify", "--url", "mysql://admin:hunter2@db.example/todo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "todo-cli: error: not a PostgreSQL URL: 'mysql://admin:***@db.example/todo';"
                + " give jdbc:postgresql://host:port/database or"
                + " postgresql://user@host:port/database\n");
  }

  @Test
  void aBadUrlInTheEnvironmentNamesTheVariable() {
    Cli.Result result = Cli.run(Map.of("TODO_PG_URL", "localhost:5432"), null, "info");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("todo-cli: error: TODO_PG_URL is not a PostgreSQL URL: 'localhost:5432'");
  }

  @Test
  void aWrongUserIsAConnectionError() {
    Cli.Result result =
        Cli.run("info", "--url", db.jdbcUrl(), "--user", "no_such_user_" + System.nanoTime());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("todo-cli: error: cannot connect to " + db.jdbcUrl() + " as no_such_user_");
  }

  @Test
  void connectsWithUrlAndUser() {
    Cli.Result result = Cli.run("info", "--url", db.jdbcUrl(), "--user", db.username());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("database: " + db.jdbcUrl() + " as " + db.username() + " (PostgreSQL ");
  }

  @Test
  void connectsWithALibpqUrlCarryingTheUser() {
    String libpq =
        db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + db.username() + "@");

    Cli.Result result = Cli.run("info", "--url", libpq);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("database: " + db.jdbcUrl() + " as " + db.username());
  }

  @Test
  void theEnvironmentsUserAndPasswordGoWithTheEnvironmentsUrlOnly() {
    Map<String, String> env =
        Map.of("TODO_PG_URL", "jdbc:postgresql://127.0.0.1:1/x", "TODO_PG_USER", "from_env");

    Cli.Result fromEnvironment = Cli.run(env, null, "info");
    Cli.Result fromOption =
        Cli.run(env, null, "info", "--url", db.jdbcUrl() + "?user=" + db.username());

    assertThat(fromEnvironment.err())
        .contains("cannot connect to jdbc:postgresql://127.0.0.1:1/x as from_env:");
    assertThat(fromOption.exitCode()).isZero();
    assertThat(fromOption.out()).contains(" as " + db.username() + " ");
  }

  @Test
  void readsThePasswordFromTheFirstLineOfThePasswordFile() throws IOException {
    Path file = Files.writeString(directory.resolve("password"), "first line\nsecond line\n");
    ConnectionOptions options = new ConnectionOptions();
    options.url = db.jdbcUrl();
    options.user = db.username();
    options.passwordFile = file;

    PGSimpleDataSource dataSource = (PGSimpleDataSource) options.connect(io());

    assertThat(dataSource.getPassword()).isEqualTo("first line");
    assertThat(dataSource.getUser()).isEqualTo(db.username());
    assertThat(dataSource.getApplicationName()).isEqualTo("todo-cli");
  }

  @Test
  void aPasswordFileWorksOnTheCommandLine() throws IOException {
    Path file = Files.writeString(directory.resolve("password"), db.password() + "\n");

    Cli.Result result =
        Cli.run(
            "info",
            "--url",
            db.jdbcUrl(),
            "--user",
            db.username(),
            "--password-file",
            file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("schema version: 0 of 17");
  }

  @Test
  void aMissingPasswordFileIsAConfigurationError() {
    Path file = directory.resolve("missing");

    Cli.Result result = Cli.run("info", "--url", db.jdbcUrl(), "--password-file", file.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("todo-cli: error: cannot read the password file " + file + ": no such file\n");
  }

  // ---- a password in --url -------------------------------------------------------------------

  private static final String WARNING =
      "todo-cli: warning: --url holds a password, which other users can see in the process list"
          + " and which stays in the shell history; give it with --password-file FILE, or give"
          + " the URL in TODO_PG_URL and the password in TODO_PG_PASSWORD instead\n";

  /** The password to put in URLs: the server's, or any when it trusts local connections. */
  private static String secret() {
    return db.password().isEmpty() ? "Never-Shown-7f3a" : db.password();
  }

  private static String hostPortDatabase() {
    return db.jdbcUrl().substring("jdbc:postgresql://".length());
  }

  @Test
  void aPasswordParameterInTheUrlOptionWorksWithOneWarningThatDoesNotShowIt() {
    Cli.Result result =
        Cli.run("info", "--url", db.jdbcUrl() + "?user=" + db.username() + "&password=" + secret());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEqualTo(WARNING);
    assertThat(result.out())
        .startsWith("database: " + db.jdbcUrl() + " as " + db.username())
        .doesNotContain(secret());
  }

  @Test
  void aPasswordInALibpqUrlOptionWarnsTheSame() {
    Cli.Result result =
        Cli.run(
            "info",
            "--url",
            "postgresql://" + db.username() + ":" + secret() + "@" + hostPortDatabase());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEqualTo(WARNING);
    assertThat(result.out()).doesNotContain(secret());
  }

  @Test
  void aUserAndPasswordInAJdbcUrlAreTakenOutLikeALibpqUris() {
    Cli.Result result =
        Cli.run(
            "info",
            "--url",
            "jdbc:postgresql://" + db.username() + ":" + secret() + "@" + hostPortDatabase());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEqualTo(WARNING);
    assertThat(result.out()).startsWith("database: " + db.jdbcUrl() + " as " + db.username());
  }

  @Test
  void noMessageShowsThePasswordWhenTheServerCannotBeReachedNotEvenTheStackTrace() {
    for (String url :
        List.of(
            "jdbc:postgresql://ops:hunter2-secret@127.0.0.1:1/todo",
            "jdbc:postgresql://127.0.0.1:1/todo?user=ops&password=hunter2-secret",
            "postgresql://ops:hunter2-secret@127.0.0.1:1/todo",
            // An unencoded "/" and "%" in the password.
            "jdbc:postgresql://ops:hunter2/50%off@127.0.0.1:1/todo")) {
      Cli.Result result = Cli.run("info", "--verbose", "--url", url);

      assertThat(result.exitCode()).as(url).isEqualTo(2);
      assertThat(result.err())
          .as(url)
          .startsWith(WARNING + "todo-cli: error: cannot connect to ")
          .contains("\tat ")
          .doesNotContain("hunter2");
      assertThat(result.out()).as(url).doesNotContain("hunter2");
    }
  }

  @Test
  void aPasswordInTheUrlVariableIsNoWarning() {
    Map<String, String> env =
        Map.of(
            "TODO_PG_URL",
            "postgresql://" + db.username() + ":" + secret() + "@" + hostPortDatabase());

    Cli.Result result = Cli.run(env, null, "info");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).doesNotContain(secret());
  }

  @Test
  void aMistypedOptionDoesNotEchoTheUrlsPassword() {
    Cli.Result result = Cli.run("info", "--urll", "postgresql://ops:hunter2-secret@db/todo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("todo-cli: error: ")
        .contains("postgresql://ops:***@db/todo")
        .doesNotContain("hunter2");
  }

  @Test
  void anSslKeyPasswordGoesToTheDriverOutsideTheUrlWithItsOwnWarning() {
    ConnectionOptions options = new ConnectionOptions();
    options.url = db.jdbcUrl() + "?user=" + db.username() + "&sslpassword=key-Never-Shown";
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    PGSimpleDataSource dataSource =
        (PGSimpleDataSource)
            options.connect(
                new Io(
                    new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), p -> null));

    assertThat(dataSource.getSslPassword()).isEqualTo("key-Never-Shown");
    assertThat(out.toString()).doesNotContain("key-Never-Shown");
    assertThat(err.toString())
        .isEqualTo(
            "todo-cli: warning: --url holds an SSL key password (sslpassword), which other users"
                + " can see in the process list and which stays in the shell history; give the"
                + " URL in TODO_PG_URL and the password in TODO_PG_PASSWORD instead\n");
  }

  private static Io io() {
    return new Io(
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        Map.of(),
        prompt -> null);
  }
}
