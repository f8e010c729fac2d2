package io.todokit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.todokit.testing.internal.ContainerStarter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Finding servers. Uses real PostgreSQL servers: the shared one (embedded PostgreSQL 18 on a
 * machine without Docker, or the server of {@code TODO_PG_URL}) and embedded ones it starts.
 */
class PostgresProvisionerTest {

  @Test
  void sharedServerIsFoundOnceAndIsAtLeastPostgres15() throws SQLException {
    PostgresServer server = PostgresProvisioner.shared();

    assertThat(PostgresProvisioner.shared()).isSameAs(server);
    ProvisioningSettings environment = ProvisioningSettings.fromEnvironment();
    Provider expected =
        environment.forced() != null
            ? environment.forced()
            : environment.url() != null ? Provider.URL : Provider.EMBEDDED;
    assertThat(server.provider()).isEqualTo(expected);
    assertThat(server.serverVersionNum()).isGreaterThanOrEqualTo(150000);
    assertThat(server.serverVersion()).startsWith(server.serverVersionNum() / 10000 + ".");
    assertThat(Sql.column(server.dataSource(server.adminDatabase()), "SELECT version()"))
        .singleElement()
        .asString()
        .startsWith("PostgreSQL " + server.serverVersion());
  }

  @Test
  void embeddedSharedServerIsPostgres18() {
    PostgresServer server = PostgresProvisioner.shared();
    assumeTrue(server.provider() == Provider.EMBEDDED, "the shared server is not embedded");

    assertThat(server.serverVersionNum()).isBetween(180000, 189999);
    assertThat(server.adminDatabase()).isEqualTo("postgres");
    assertThat(server.username()).isEqualTo("postgres");
    assertThat(server.password()).isEmpty();
    assertThat(server.jdbcUrl("todo")).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/todo");
  }

  @Test
  void closingTheSharedServerDoesNotStopIt() throws SQLException {
    PostgresServer server = PostgresProvisioner.shared();

    server.close();

    assertThat(Sql.column(server.dataSource(server.adminDatabase()), "SELECT 1"))
        .containsExactly("1");
  }

  @Test
  void urlServerUsesAnExistingServerAndClosingItStopsNothing() throws Exception {
    DataSource embeddedAdmin;
    Path directory;
    try (PostgresServer embedded =
        PostgresProvisioner.start(ProvisioningSettings.defaults().withForced(Provider.EMBEDDED))) {
      assertThat(embedded.provider()).isEqualTo(Provider.EMBEDDED);
      assertThat(embedded.serverVersionNum()).isGreaterThanOrEqualTo(180000);
      embeddedAdmin = embedded.dataSource("postgres");
      // Only this server's own directory: other builds on the machine start and stop theirs.
      directory = embeddedDirectory(embedded).orElseThrow();

      PostgresServer viaUrl =
          PostgresProvisioner.start(
              ProvisioningSettings.defaults().withUrl(embedded.jdbcUrl("postgres")));
      assertThat(viaUrl.provider()).isEqualTo(Provider.URL);
      assertThat(viaUrl.serverVersion()).isEqualTo(embedded.serverVersion());
      assertThat(viaUrl.serverVersionNum()).isEqualTo(embedded.serverVersionNum());
      assertThat(viaUrl.adminDatabase()).isEqualTo("postgres");
      assertThat(viaUrl.username()).isEqualTo("postgres");
      assertThat(viaUrl.jdbcUrl("x")).isEqualTo(embedded.jdbcUrl("x"));

      viaUrl.createDatabase("todokit_url_check", null);
      assertThat(Sql.databaseExists(embedded, "todokit_url_check")).isTrue();
      viaUrl.close();
      viaUrl.close();
      assertThat(Sql.column(embeddedAdmin, "SELECT 1")).containsExactly("1");
      assertThat(directory).isDirectory();
      viaUrl.dropDatabase("todokit_url_check");
      viaUrl.dropDatabase("todokit_url_check");
      assertThat(Sql.databaseExists(embedded, "todokit_url_check")).isFalse();
    }

    assertThatThrownBy(() -> embeddedAdmin.getConnection()).isInstanceOf(SQLException.class);
    assertThat(directory).doesNotExist();
  }

  @Test
  void libpqUriAndCredentialsInTheUrlWork() throws Exception {
    try (PostgresServer embedded =
        PostgresProvisioner.start(ProvisioningSettings.defaults().withForced(Provider.EMBEDDED))) {
      String hostAndPort = embedded.jdbcUrl("postgres").replaceAll("^jdbc:postgresql://|/.*$", "");

      PostgresServer viaUri =
          PostgresProvisioner.start(
              ProvisioningSettings.defaults()
                  .withUrl("postgresql://postgres:ignored@" + hostAndPort + "/template1"));

      assertThat(viaUri.provider()).isEqualTo(Provider.URL);
      assertThat(viaUri.adminDatabase()).isEqualTo("template1");
      assertThat(viaUri.password()).isEqualTo("ignored");
      assertThat(Sql.column(viaUri.dataSource("postgres"), "SELECT current_user"))
          .containsExactly("postgres");
    }
  }

  @Test
  void unreachableUrlFailsAtOnceSayingWhatToCheck() {
    ProvisioningSettings settings =
        ProvisioningSettings.defaults()
            .withUrl("jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2&password=hunter2");

    assertThatThrownBy(() -> PostgresProvisioner.start(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot use the PostgreSQL at jdbc:postgresql://127.0.0.1:1/postgres")
        .hasMessageContaining("TODO_PG_URL")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void forcedTestcontainersWithoutDockerFailsAtOnce() {
    assumeFalse(ContainerStarter.dockerAvailable(), "a Docker engine answers here");
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                PostgresProvisioner.start(
                    ProvisioningSettings.defaults().withForced(Provider.TESTCONTAINERS)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no Docker engine answers")
        .hasMessageContaining("TODO_PG_URL");
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
  }

  @Test
  void testcontainersFailingFallsBackToEmbedded() {
    assumeFalse(ContainerStarter.dockerAvailable(), "a Docker engine answers here");

    // Pretend Docker answers: starting the container fails, so the embedded server is used.
    try (PostgresServer server =
        PostgresProvisioner.provision(ProvisioningSettings.defaults(), true, () -> true)) {
      assertThat(server.provider()).isEqualTo(Provider.EMBEDDED);
    }
  }

  @Test
  void invalidDatabaseNamesAreRejectedBeforeReachingTheServer() {
    PostgresServer server = PostgresProvisioner.shared();

    assertThatThrownBy(() -> server.createDatabase("x\"; DROP DATABASE postgres; --", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.createDatabase("ok_name", "bad name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.dropDatabase("")).isInstanceOf(IllegalArgumentException.class);
  }

  /** The todokit-pg-* directory of an embedded server: the one whose postmaster has its port. */
  private static Optional<Path> embeddedDirectory(PostgresServer server) throws IOException {
    String port = server.jdbcUrl("postgres").replaceAll("^.*:(\\d+)/.*$", "$1");
    try (Stream<Path> files = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
      List<Path> matches =
          files
              .filter(path -> path.getFileName().toString().startsWith("todokit-pg-"))
              .filter(path -> port.equals(postmasterPort(path.resolve("data/postmaster.pid"))))
              .toList();
      assertThat(matches).hasSizeLessThanOrEqualTo(1);
      return matches.stream().findFirst();
    }
  }

  /** Line 4 of postmaster.pid is the port; the file may vanish while we read it. */
  private static String postmasterPort(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return lines.size() >= 4 ? lines.get(3).strip() : "";
    } catch (IOException e) {
      return "";
    }
  }
}
