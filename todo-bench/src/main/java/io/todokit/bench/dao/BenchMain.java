package io.todokit.bench.dao;

import io.todokit.schema.TodoSchema;
import io.todokit.testing.PostgresProvisioner;
import io.todokit.testing.PostgresServer;
import io.todokit.testing.Provider;
import io.todokit.testing.ProvisioningSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * The whole DAO benchmark in one command: provision PostgreSQL (the todo-testing chain: {@code
 * TODO_PG_URL}, else embedded PostgreSQL 18), create a database, migrate, generate and load the
 * dataset with COPY, verify it, capture and check the plans ({@link PlansMain}), run the JMH
 * benchmarks ({@link DaoReadBenchmark}, {@link DaoWriteBenchmark}), measure storage, and write
 * {@code summary.md} with every table of docs/BENCHMARKS.md.
 *
 * <pre>
 * java -cp todo-bench/target/benchmarks.jar io.todokit.bench.dao.BenchMain --scale full
 * </pre>
 *
 * Options: {@code --scale full|smoke} (smoke), {@code --out DIR} (todo-bench/target/bench-SCALE),
 * {@code --forks N}, {@code --warmup N}, {@code --iterations N}, {@code --time SECONDS}, {@code
 * --include REGEX} (the benchmarks to run), {@code --jmh false} (load, plans and storage only),
 * {@code --plan-cache-mode auto|force_custom_plan|force_generic_plan} (set on every connection of
 * the benchmarks' pool, DAO and JDBC alike; the server's setting unless given). Exit status 1 when
 * a plan scans tasks, task_tags or messages sequentially.
 */
public final class BenchMain {

  private BenchMain() {}

  /** What a run produced. */
  record Outcome(
      List<Loader.Step> load,
      List<PlansMain.Plan> plans,
      Collection<RunResult> results,
      String summary) {
    boolean plansPassed() {
      return plans.stream().noneMatch(PlansMain.Plan::seqScan);
    }
  }

  /** Runs everything; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    quietJooq();
    Outcome outcome = run(args);
    System.out.println(outcome.summary());
    if (!outcome.plansPassed()) {
      System.err.println(
          "FAILED: a plan scans tasks, task_tags or messages sequentially (see plans/)");
      System.exit(1);
    }
    System.exit(0);
  }

  static Outcome run(String... args) throws IOException, SQLException, RunnerException {
    Map<String, String> options = options(args);
    Dataset.Scale scale = Dataset.Scale.of(options.getOrDefault("scale", "smoke"));
    boolean smoke = scale == Dataset.Scale.SMOKE;
    Path out =
        Path.of(
            options.getOrDefault(
                "out", targetDirectory() + "/bench-" + scale.name().toLowerCase(Locale.ROOT)));
    Files.createDirectories(out);
    String loadBefore = loadAverage();
    String database = "todokit_bench_" + scale.name().toLowerCase(Locale.ROOT);
    try (PostgresServer server =
        PostgresProvisioner.start(ProvisioningSettings.fromEnvironment())) {
      server.dropDatabase(database);
      server.createDatabase(database, null);
      try {
        DataSource admin = server.dataSource(database);
        TodoSchema.standard().migrate(admin);
        // The loader's plain SQL names todokit's tables unqualified; the DAOs and their JDBC twins
        // name the schema in every statement, so this changes nothing they send.
        try (Connection connection = admin.getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute(
              "ALTER DATABASE "
                  + database
                  + " SET search_path = "
                  + TodoSchema.DEFAULT_SCHEMA
                  + ", public");
        }
        Dataset data = new Dataset(scale, Dataset.SEED);
        log("loading the " + scale + " dataset");
        List<Loader.Step> load = new Loader(data).load(admin);
        load.forEach(step -> log(step.toString()));
        Loader.verify(admin);
        log("TodoSchema.verify passed");
        BenchTarget target =
            new BenchTarget(
                server.jdbcUrl(database),
                server.username(),
                server.password(),
                scale,
                Dataset.SEED);
        log("capturing plans");
        List<PlansMain.Plan> plans = PlansMain.capture(target, out.resolve("plans"));
        log(
            plans.size()
                + " statements explained, "
                + plans.stream().filter(PlansMain.Plan::seqScan).count()
                + " with a sequential scan");
        String planCacheMode = BenchDatabase.planCacheMode(options.get("plan-cache-mode"));
        String settings =
            settings(admin)
                + (planCacheMode == null
                    ? ""
                    : "; the benchmarks' connections: plan_cache_mode=" + planCacheMode);
        // Before JMH: the write benchmarks undo their rows but leave dead tuples behind.
        String storage = Storage.report(admin);
        target.setSystemProperties();
        List<String> jvmArgs = new ArrayList<>(target.jvmArgs());
        if (planCacheMode != null) {
          System.setProperty(BenchDatabase.PLAN_CACHE_MODE, planCacheMode);
          jvmArgs.add("-D" + BenchDatabase.PLAN_CACHE_MODE + "=" + planCacheMode);
        } else {
          System.clearProperty(BenchDatabase.PLAN_CACHE_MODE);
        }
        ChainedOptionsBuilder jmh =
            new OptionsBuilder()
                .include(options.getOrDefault("include", "io\\.todokit\\.bench\\.dao\\..*"))
                .forks(Integer.parseInt(options.getOrDefault("forks", smoke ? "0" : "1")))
                .warmupIterations(
                    Integer.parseInt(options.getOrDefault("warmup", smoke ? "0" : "5")))
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(
                    Integer.parseInt(options.getOrDefault("iterations", smoke ? "1" : "3")))
                .measurementTime(
                    smoke
                        ? TimeValue.milliseconds(150)
                        : TimeValue.seconds(Long.parseLong(options.getOrDefault("time", "3"))))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .result(out.resolve("jmh.json").toString())
                .resultFormat(ResultFormatType.JSON);
        Collection<RunResult> results =
            Boolean.parseBoolean(options.getOrDefault("jmh", "true"))
                ? new Runner(jmh.build()).run()
                : List.of();
        String summary =
            summary(
                scale, server, settings, load, plans, results, storage, loadBefore, loadAverage());
        Files.writeString(out.resolve("summary.md"), summary);
        return new Outcome(load, plans, results, summary);
      } finally {
        if (server.provider() == Provider.URL) {
          server.dropDatabase(database);
        }
      }
    }
  }

  /** todo-bench/target from the project root, target from the module. */
  static String targetDirectory() {
    return Files.isDirectory(Path.of("todo-bench", "src")) ? "todo-bench/target" : "target";
  }

  /** No jOOQ logo and tips in the benchmark output. */
  static void quietJooq() {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: --scale full|smoke [--out DIR] [--forks N] [--warmup N] [--iterations N] [--time S] [--include REGEX]");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  static void log(String message) {
    System.out.println("[bench] " + message);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String memory() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String settings(DataSource dataSource) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name, setting || coalesce(' ' || unit, '') FROM pg_settings WHERE name IN"
                    + " ('server_version', 'shared_buffers', 'work_mem', 'maintenance_work_mem',"
                    + " 'effective_cache_size', 'random_page_cost', 'fsync', 'synchronous_commit',"
                    + " 'full_page_writes', 'jit', 'max_connections', 'plan_cache_mode', 'autovacuum')"
                    + " ORDER BY name")) {
      while (rows.next()) {
        out.append(rows.getString(1)).append('=').append(rows.getString(2)).append("; ");
      }
    }
    return out.toString();
  }

  /** One row of the results table: a path's DAO and JDBC results. */
  private record Pair(String path, Statistics dao, Statistics jdbc) {}

  static String summary(
      Dataset.Scale scale,
      PostgresServer server,
      String settings,
      List<Loader.Step> load,
      List<PlansMain.Plan> plans,
      Collection<RunResult> results,
      String storage,
      String loadBefore,
      String loadAfter) {
    StringBuilder out = new StringBuilder();
    out.append("# DAO benchmark, scale ").append(scale).append("\n\n");
    out.append("* Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(memory())
        .append("; load average before ")
        .append(loadBefore)
        .append(", after ")
        .append(loadAfter)
        .append('\n');
    out.append("* JDK: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(Runtime.version())
        .append('\n');
    out.append("* PostgreSQL ")
        .append(server.serverVersion())
        .append(" (")
        .append(server.provider())
        .append("): ")
        .append(settings)
        .append("\n\n## Load\n\n```\n");
    load.forEach(step -> out.append(step).append('\n'));
    out.append("```\n\n## Results (µs; ops/s = 1 / mean, one thread)\n\n");
    Map<String, Statistics> dao = new TreeMap<>();
    Map<String, Statistics> jdbc = new TreeMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      String method = name.substring(name.lastIndexOf('.') + 1);
      Statistics stats = result.getPrimaryResult().getStatistics();
      if (method.endsWith("Dao")) {
        dao.put(method.substring(0, method.length() - 3), stats);
      } else if (method.endsWith("Jdbc")) {
        jdbc.put(method.substring(0, method.length() - 4), stats);
      }
    }
    List<Pair> pairs = new ArrayList<>();
    for (var entry : dao.entrySet()) {
      pairs.add(new Pair(entry.getKey(), entry.getValue(), jdbc.get(entry.getKey())));
    }
    out.append(
        "| path | DAO ops/s | DAO p50 | DAO p99 | JDBC ops/s | JDBC p50 | JDBC p99 | DAO/JDBC p50 | DAO/JDBC mean | samples |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Pair pair : pairs) {
      Statistics d = pair.dao();
      Statistics j = pair.jdbc();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %,.0f | %,.0f | %s | %s | %s | %s | %s | %d / %s |%n",
              pair.path(),
              1e6 / d.getMean(),
              d.getPercentile(50),
              d.getPercentile(99),
              j == null ? "—" : String.format(Locale.ROOT, "%,.0f", 1e6 / j.getMean()),
              j == null ? "—" : String.format(Locale.ROOT, "%,.0f", j.getPercentile(50)),
              j == null ? "—" : String.format(Locale.ROOT, "%,.0f", j.getPercentile(99)),
              j == null
                  ? "—"
                  : String.format(Locale.ROOT, "%.2f", d.getPercentile(50) / j.getPercentile(50)),
              j == null ? "—" : String.format(Locale.ROOT, "%.2f", d.getMean() / j.getMean()),
              d.getN(),
              j == null ? "—" : Long.toString(j.getN())));
    }
    out.append("\n## Plans\n\n").append(PlansMain.summary(plans));
    out.append("\n## Storage\n\n").append(storage);
    return out.toString();
  }
}
