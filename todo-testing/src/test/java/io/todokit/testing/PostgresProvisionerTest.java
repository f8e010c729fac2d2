package io.todokit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.todokit.testing.internal.ContainerStarter;
import io.todokit.testing.internal.DockerStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Finding servers. Uses real PostgreSQL servers: the shared one (whatever the selection logic
 * chooses here: the server of {@code TODO_PG_URL}, a container, or an embedded PostgreSQL 18) and
 * embedded ones it starts.
 */
class PostgresProvisionerTest {

  private static final Supplier<DockerStatus> READY =
      () -> new DockerStatus.Ready("unix:///var/run/docker.sock");

  @Test
  void sharedServerIsFoundOnceAndIsAtLeastPostgres15() throws SQLException {
    PostgresServer server = PostgresProvisioner.shared();

    assertThat(PostgresProvisioner.shared()).isSameAs(server);
    // What the selection logic says for this environment: URL, Docker with the image, or neither.
    Provider expected =
        PostgresProvisioner.choose(ProvisioningSettings.fromEnvironment()).provider();
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
    assumeTrue(
        ContainerStarter.probe(ProvisioningSettings.DEFAULT_IMAGE, true)
            instanceof DockerStatus.NoEngine,
        "a Docker engine answers here");
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
  void forcedTestcontainersWithoutAnEngineNeverTriesToStartOne() {
    AtomicInteger starts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                PostgresProvisioner.provision(
                    ProvisioningSettings.defaults().withForced(Provider.TESTCONTAINERS),
                    true,
                    () -> new DockerStatus.NoEngine("no Docker socket"),
                    (image, timeout, hook) -> {
                      starts.incrementAndGet();
                      throw new AssertionError("must not start");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no Docker engine answers (no Docker socket)");
    assertThat(starts).hasValue(0);
  }

  @Test
  void testcontainersFailingInAutoModeFallsBackToEmbeddedWithOneWarnLine() {
    String failure = "the postgres:18 container did not start: Container exited with code 1";
    String log;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (PostgresServer server =
        PostgresProvisioner.provision(
            ProvisioningSettings.defaults(),
            true,
            READY,
            (image, timeout, hook) -> {
              throw new IllegalStateException(failure);
            })) {
      assertThat(server.provider()).isEqualTo(Provider.EMBEDDED);
    } finally {
      System.setErr(originalErr);
      log = captured.toString(StandardCharsets.UTF_8);
    }

    assertThat(log.lines().filter(line -> line.contains(" WARN ")))
        .singleElement()
        .asString()
        .contains("todokit: using embedded PostgreSQL 18.")
        .contains("no TODO_PG_URL; a Docker engine answers, but " + failure)
        .contains("TODO_PG_PROVIDER=embedded");
    assertThat(log.lines().filter(line -> line.contains(" ERROR "))).isEmpty();
    assertThat(log).doesNotContain(" INFO io.todokit.testing.PostgresProvisioner");
  }

  @Test
  void forcedTestcontainersFailingReportsTheRealCauseAndStartsNothingElse() {
    IllegalStateException cause =
        new IllegalStateException(
            "a Docker engine answers, but Testcontainers could not set up: Could not connect to"
                + " Ryuk at 172.17.0.1:32768. If its Ryuk container (testcontainers/ryuk:0.14.0)"
                + " cannot start or be reached, set TESTCONTAINERS_RYUK_DISABLED=true");

    assertThatThrownBy(
            () ->
                PostgresProvisioner.provision(
                    ProvisioningSettings.defaults().withForced(Provider.TESTCONTAINERS),
                    true,
                    READY,
                    (image, timeout, hook) -> {
                      throw cause;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasCause(cause)
        .hasMessageStartingWith(
            "todokit: todo.pg.provider=testcontainers, but a Docker engine answers, but"
                + " Testcontainers could not set up: Could not connect to Ryuk")
        .hasMessageContaining("TESTCONTAINERS_RYUK_DISABLED=true")
        .hasMessageNotContaining("no Docker engine answers");
  }

  @Test
  void startFailureWithoutAnEngineIsNotCalledAnAnsweringEngine() {
    try (PostgresServer server =
        PostgresProvisioner.provision(
            ProvisioningSettings.defaults(),
            true,
            READY,
            (image, timeout, hook) -> {
              throw new IllegalStateException("no Docker engine answers: gone");
            })) {
      assertThat(server.provider()).isEqualTo(Provider.EMBEDDED);
    }
  }

  @Test
  void autoModeGivesTheContainerStartTheConfiguredImageAndPullTimeout() {
    ProvisioningSettings settings =
        new ProvisioningSettings(
            null, null, null, null, "mirror.example/postgres:18", java.time.Duration.ZERO, true);
    String[] asked = new String[2];

    try (PostgresServer server =
        PostgresProvisioner.provision(
            settings,
            true,
            READY,
            (image, timeout, hook) -> {
              asked[0] = image;
              asked[1] = timeout.toString();
              throw new IllegalStateException("stop here");
            })) {
      assertThat(server.provider()).isEqualTo(Provider.EMBEDDED);
    }
    assertThat(asked).containsExactly("mirror.example/postgres:18", "PT0S");
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
