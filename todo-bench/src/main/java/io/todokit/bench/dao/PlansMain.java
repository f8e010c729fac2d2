package io.todokit.bench.dao;

import com.zaxxer.hikari.HikariDataSource;
import io.todokit.dao.TodoDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Captures {@code EXPLAIN (ANALYZE, BUFFERS)} of every statement the DAOs send (each public DAO
 * method called once, see {@link DaoCalls}), and the generic plan ({@code EXPLAIN (GENERIC_PLAN)},
 * PostgreSQL 16+) that a prepared statement may switch to after five executions; writes them to a
 * directory and fails when any plan scans tasks, task_tags or messages sequentially.
 *
 * <p>A jOOQ {@link ExecuteListener} explains each statement just before it runs, on the same
 * connection: inside a transaction, under a savepoint that is rolled back, so that the statement
 * itself then runs once, as normal. Write calls run in a transaction that is rolled back at the
 * end, so the dataset is unchanged.
 *
 * <p>{@code java -cp todo-bench/target/benchmarks.jar io.todokit.bench.dao.PlansMain
 * -Dtodokit.bench.url=… [out-dir]}: exit status 1 when a sequential scan was found. {@link
 * BenchMain} runs it as part of the whole run.
 */
public final class PlansMain {

  static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (tasks|task_tags|messages)\\b");
  private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");
  private static final Pattern INDEX =
      Pattern.compile(
          "Index(?: Only)? Scan(?: Backward)? using (\\S+)|Bitmap Index Scan on (\\S+)");

  private PlansMain() {}

  /** One explained statement. */
  record Plan(
      String call,
      int index,
      String sql,
      String analyzed,
      String generic,
      Set<String> indexes,
      double ms) {
    boolean seqScan() {
      return SEQ_SCAN.matcher(analyzed).find() || SEQ_SCAN.matcher(generic).find();
    }
  }

  /** Runs the plan capture from the command line; exits 1 on a sequential scan. */
  public static void main(String[] args) throws Exception {
    BenchTarget target = BenchTarget.fromSystemProperties();
    Path dir = Path.of(args.length > 0 ? args[0] : BenchMain.targetDirectory() + "/plans");
    List<Plan> plans = capture(target, dir);
    List<Plan> bad = plans.stream().filter(Plan::seqScan).toList();
    System.out.println(summary(plans));
    if (!bad.isEmpty()) {
      System.err.println(
          "Sequential scans on tasks/task_tags/messages in: "
              + bad.stream().map(p -> p.call() + "#" + p.index()).toList());
      System.exit(1);
    }
  }

  /**
   * Captures the plans into {@code dir} (one file per statement, and {@code SUMMARY.md}).
   *
   * @return every plan
   */
  static List<Plan> capture(BenchTarget target, Path dir) throws IOException, SQLException {
    Dataset data = target.dataset();
    // On the smoke dataset every table fits in a page or two and the planner rightly prefers
    // sequential scans; there the check is "an index can serve it" (enable_seqscan off).
    String init = target.scale() == Dataset.Scale.SMOKE ? "SET enable_seqscan = off" : null;
    Files.createDirectories(dir);
    // EXPLAIN (GENERIC_PLAN) takes $1, $2, … unbound: only the simple query protocol sends that.
    String simpleUrl =
        target.url() + (target.url().contains("?") ? "&" : "?") + "preferQueryMode=simple";
    try (Stream files = new Stream(dir);
        HikariDataSource pool = target.pool("plans", init);
        Connection simple =
            DriverManager.getConnection(simpleUrl, target.user(), target.password())) {
      if (init != null) {
        try (Statement statement = simple.createStatement()) {
          statement.execute(init);
        }
      }
      boolean generic = simple.getMetaData().getDatabaseMajorVersion() >= 16;
      Capture listener = new Capture(generic ? simple : null);
      TodoDb db =
          TodoDb.create(
              DSL.using(
                  new DefaultConfiguration()
                      .set(pool)
                      .set(SQLDialect.POSTGRES)
                      .set(new Settings().withExecuteLogging(false).withRenderSchema(false))
                      .set(listener)));
      List<Plan> plans = new ArrayList<>();
      int u = data.users() / 3;
      for (DaoCalls.Call call : DaoCalls.all(data, u)) {
        listener.start(call.name());
        try {
          if (call.write()) {
            db.transaction(
                tx -> {
                  call.body().accept(tx);
                  throw new RolledBack();
                });
          } else {
            call.body().accept(db);
          }
        } catch (RolledBack expected) {
          // the write's effects are gone
        }
        plans.addAll(listener.plans());
      }
      for (Plan plan : plans) {
        files.write(plan);
      }
      Files.writeString(dir.resolve("SUMMARY.md"), summary(plans));
      return plans;
    }
  }

  static String summary(List<Plan> plans) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| DAO call | # | indexes used | execution (ms) | seq scan on tasks/task_tags/messages |\n");
    out.append("|---|---:|---|---:|---|\n");
    for (Plan plan : plans) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %.3f | %s |%n",
              plan.call(),
              plan.index(),
              plan.indexes().isEmpty() ? "—" : String.join(", ", plan.indexes()),
              plan.ms(),
              plan.seqScan() ? "**YES**" : "no"));
    }
    long bad = plans.stream().filter(Plan::seqScan).count();
    out.append(
        String.format(
            Locale.ROOT, "%n%d statements, %d with a sequential scan%n", plans.size(), bad));
    return out.toString();
  }

  private static final class RolledBack extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RolledBack() {
      super("rolled back on purpose", null, false, false);
    }
  }

  /** Writes one file per plan. */
  private static final class Stream implements AutoCloseable {
    private final Path dir;

    Stream(Path dir) throws IOException {
      this.dir = dir;
      try (var old = Files.list(dir)) {
        for (Path file : old.toList()) {
          if (file.toString().endsWith(".txt")) {
            Files.delete(file);
          }
        }
      }
    }

    void write(Plan plan) throws IOException {
      String name = String.format(Locale.ROOT, "%s-%d.txt", plan.call(), plan.index());
      Files.writeString(
          dir.resolve(name),
          "-- "
              + plan.call()
              + " #"
              + plan.index()
              + "\n"
              + plan.sql()
              + "\n\n-- EXPLAIN (ANALYZE, BUFFERS), values inlined\n"
              + plan.analyzed()
              + "\n\n-- EXPLAIN (GENERIC_PLAN), as a prepared statement may run it\n"
              + plan.generic()
              + "\n");
    }

    @Override
    public void close() {}
  }

  /** The listener: explains every statement before it runs. */
  private static final class Capture implements ExecuteListener {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable Connection generic;
    private final List<Plan> plans = new ArrayList<>();
    private String call = "";

    Capture(@Nullable Connection generic) {
      this.generic = generic;
    }

    void start(String name) {
      call = name;
      plans.clear();
    }

    List<Plan> plans() {
      return List.copyOf(plans);
    }

    private static boolean isSavepointCommand(String sql) {
      String start = sql.stripLeading().toLowerCase(java.util.Locale.ROOT);
      return start.startsWith("savepoint ")
          || start.startsWith("release ")
          || start.startsWith("rollback to ");
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
      String sql = ctx.sql();
      if (sql == null || sql.equals(JdbcTwin.SET_TIMEOUTS) || isSavepointCommand(sql)) {
        return; // each transaction's timeouts and savepoints: nothing to plan
      }
      String inlined = ctx.query() == null ? sql : ctx.query().getSQL(ParamType.INLINED);
      try {
        Connection connection = ctx.connection();
        boolean transaction = !connection.getAutoCommit();
        if (transaction) {
          run(connection, "SAVEPOINT todokit_plan");
        }
        String analyzed;
        try {
          analyzed = explain(connection, "EXPLAIN (ANALYZE, BUFFERS) " + inlined);
        } finally {
          if (transaction) {
            run(connection, "ROLLBACK TO SAVEPOINT todokit_plan");
            run(connection, "RELEASE SAVEPOINT todokit_plan");
          }
        }
        String genericPlan =
            generic != null
                ? explain(generic, "EXPLAIN (GENERIC_PLAN) " + dollarParameters(sql))
                : "(PostgreSQL < 16)";
        Set<String> indexes = new LinkedHashSet<>();
        Matcher m = INDEX.matcher(analyzed);
        while (m.find()) {
          indexes.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        Matcher time = EXECUTION.matcher(analyzed);
        double ms = time.find() ? Double.parseDouble(time.group(1)) : Double.NaN;
        plans.add(new Plan(call, plans.size() + 1, sql, analyzed, genericPlan, indexes, ms));
      } catch (SQLException e) {
        throw new IllegalStateException(
            "could not explain " + call + ": " + e.getMessage() + "\n" + inlined, e);
      }
    }

    private static String explain(Connection connection, String sql) throws SQLException {
      List<String> lines = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          lines.add(rows.getString(1));
        }
      }
      return String.join("\n", lines);
    }

    private static void run(Connection connection, String sql) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }
  }

  /** JDBC's {@code ?} markers as PostgreSQL's {@code $1, $2, …}, skipping quoted text. */
  static String dollarParameters(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 16);
    int n = 0;
    boolean quoted = false;
    boolean identifier = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'' && !identifier) {
        quoted = !quoted;
      } else if (c == '"' && !quoted) {
        identifier = !identifier;
      }
      if (c == '?' && !quoted && !identifier) {
        out.append('$').append(++n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
