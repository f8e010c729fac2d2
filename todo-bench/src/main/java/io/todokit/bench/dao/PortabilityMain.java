package io.todokit.bench.dao;

import io.todokit.dao.TodoDb;
import io.todokit.dao.portability.ExportReport;
import io.todokit.dao.portability.ImportReport;
import io.todokit.schema.TodoSchema;
import io.todokit.testing.PostgresProvisioner;
import io.todokit.testing.PostgresServer;
import io.todokit.testing.ProvisioningSettings;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The export/import benchmark (issue 14): loads the dataset ({@code --scale full}: 1M tasks),
 * exports every user with {@code TodoDb.portability()}, imports the file into an empty database,
 * exports that again and compares the bytes; the baseline, measured in the same run, is
 * PostgreSQL's own {@code COPY tasks TO STDOUT} and {@code COPY … FROM STDIN} of the tasks table
 * alone. Run it under {@code mvnlock} (see docs/BENCHMARKS.md); it prints a Markdown table.
 */
public final class PortabilityMain {

  private PortabilityMain() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --scale full|smoke}
   * @throws Exception when anything fails
   */
  public static void main(String[] args) throws Exception {
    BenchMain.quietJooq();
    Dataset.Scale scale =
        Dataset.Scale.of(args.length == 2 && args[0].equals("--scale") ? args[1] : "full");
    Path dir = Path.of(BenchMain.targetDirectory(), "portability");
    Files.createDirectories(dir);
    Path first = dir.resolve("export-1.ndjson");
    Path second = dir.resolve("export-2.ndjson");
    String source = "todokit_bench_port_source";
    String target = "todokit_bench_port_target";
    try (PostgresServer server =
        PostgresProvisioner.start(ProvisioningSettings.fromEnvironment())) {
      for (String name : List.of(source, target)) {
        server.dropDatabase(name);
        server.createDatabase(name, null);
        DataSource admin = server.dataSource(name);
        TodoSchema.standard().migrate(admin);
        try (Connection connection = admin.getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute(
              "ALTER DATABASE " + name + " SET search_path = " + TodoSchema.DEFAULT_SCHEMA);
        }
      }
      DataSource from = server.dataSource(source);
      DataSource to = server.dataSource(target);
      BenchMain.log("loading the " + scale + " dataset");
      new Loader(new Dataset(scale, Dataset.SEED)).load(from);
      try (Connection connection = from.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("VACUUM ANALYZE");
      }

      long copyOut = System.nanoTime();
      long copiedBytes;
      Path raw = dir.resolve("tasks.copy");
      try (Connection connection = from.getConnection();
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(raw))) {
        copiedBytes =
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY tasks TO STDOUT", out);
      }
      double copyOutSeconds = seconds(copyOut);

      TodoDb sourceDb =
          TodoDb.create(from)
              .withTimeouts(java.time.Duration.ZERO, java.time.Duration.ofSeconds(5));
      long exportStart = System.nanoTime();
      ExportReport exported;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(first), 1 << 16)) {
        exported = sourceDb.portability().exportAll(out);
      }
      double exportSeconds = seconds(exportStart);
      BenchMain.log("exported " + exported.rows() + " in " + exportSeconds + " s");

      TodoDb targetDb =
          TodoDb.create(to).withTimeouts(java.time.Duration.ZERO, java.time.Duration.ofSeconds(5));
      long importStart = System.nanoTime();
      ImportReport imported;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(first), 1 << 16)) {
        imported = targetDb.portability().importFrom(in);
      }
      double importSeconds = seconds(importStart);
      BenchMain.log("imported " + imported.rows() + " in " + importSeconds + " s");

      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(second), 1 << 16)) {
        targetDb.portability().exportAll(out);
      }
      boolean identical = Files.mismatch(first, second) == -1;

      // Baseline: PostgreSQL's own COPY of the tasks rows into an empty table with the same
      // indexes (no foreign keys: the users are not there).
      long copyIn;
      double copyInSeconds;
      try (Connection connection = to.getConnection();
          Statement statement = connection.createStatement();
          InputStream in = new BufferedInputStream(Files.newInputStream(raw))) {
        statement.execute("CREATE TABLE public.tasks_baseline (LIKE tasks INCLUDING ALL)");
        copyIn = System.nanoTime();
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY public.tasks_baseline FROM STDIN", in);
        copyInSeconds = seconds(copyIn);
        statement.execute("DROP TABLE public.tasks_baseline");
      }
      long tasks = exported.rows("tasks");
      long rows = exported.rows().values().stream().mapToLong(Long::longValue).sum();
      String summary =
          String.format(
              Locale.ROOT,
              """
              | step | rows | seconds | tasks/s | all rows/s | vs. COPY of tasks alone |
              |---|---:|---:|---:|---:|---:|
              | COPY tasks TO STDOUT (baseline) | %,d | %.2f | %,.0f | | 1.00 |
              | export (all users, %,d users) | %,d | %.2f | %,.0f | %,.0f | %.2f |
              | COPY tasks FROM STDIN (baseline) | %,d | %.2f | %,.0f | | 1.00 |
              | import (one transaction per user) | %,d | %.2f | %,.0f | %,.0f | %.2f |

              file: %,d bytes (COPY text of tasks: %,d bytes); export → import → export identical: %s
              """,
              tasks,
              copyOutSeconds,
              tasks / copyOutSeconds,
              exported.users(),
              rows,
              exportSeconds,
              tasks / exportSeconds,
              rows / exportSeconds,
              exportSeconds / copyOutSeconds,
              tasks,
              copyInSeconds,
              tasks / copyInSeconds,
              rows,
              importSeconds,
              tasks / importSeconds,
              rows / importSeconds,
              importSeconds / copyInSeconds,
              Files.size(first),
              copiedBytes,
              identical);
      System.out.println(exported.rows());
      System.out.println(summary);
      Files.writeString(dir.resolve("summary.md"), summary);
      for (String name : List.of(source, target)) {
        server.dropDatabase(name);
      }
      Files.deleteIfExists(raw);
      Files.deleteIfExists(first);
      Files.deleteIfExists(second);
      if (!identical) {
        System.exit(1);
      }
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
