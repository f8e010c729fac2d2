package io.todokit.bench.dao;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Objects;

/**
 * The database the benchmarks run on, handed from {@link BenchMain} to the JMH forks as system
 * properties ({@code todokit.bench.url}, {@code .user}, {@code .password}, {@code .scale}, {@code
 * .seed}).
 *
 * @param url the JDBC URL of the loaded database
 * @param user the user
 * @param password the password (may be empty)
 * @param scale the dataset's scale
 * @param seed the dataset's seed
 */
record BenchTarget(String url, String user, String password, Dataset.Scale scale, long seed) {

  BenchTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(scale, "scale");
  }

  static BenchTarget fromSystemProperties() {
    String url = System.getProperty("todokit.bench.url");
    if (url == null) {
      throw new IllegalStateException(
          "todokit.bench.url is not set: run the DAO benchmarks through BenchMain (see"
              + " docs/BENCHMARKS.md), which loads the dataset and passes the database to JMH");
    }
    return new BenchTarget(
        url,
        System.getProperty("todokit.bench.user", "postgres"),
        System.getProperty("todokit.bench.password", ""),
        Dataset.Scale.of(System.getProperty("todokit.bench.scale", "smoke")),
        Long.parseLong(System.getProperty("todokit.bench.seed", Long.toString(Dataset.SEED))));
  }

  List<String> jvmArgs() {
    return List.of(
        "-Dtodokit.bench.url=" + url,
        "-Dtodokit.bench.user=" + user,
        "-Dtodokit.bench.password=" + password,
        "-Dtodokit.bench.scale=" + scale.name().toLowerCase(java.util.Locale.ROOT),
        "-Dtodokit.bench.seed=" + seed);
  }

  void setSystemProperties() {
    for (String arg : jvmArgs()) {
      String[] pair = arg.substring(2).split("=", 2);
      System.setProperty(pair[0], pair[1]);
    }
  }

  Dataset dataset() {
    return new Dataset(scale, seed);
  }

  /**
   * The pool both sides of every benchmark use: same settings for the DAO and its JDBC twin.
   *
   * @param initSql a statement every new connection runs, or null
   */
  HikariDataSource pool(String name, @org.jspecify.annotations.Nullable String initSql) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(4);
    config.setAutoCommit(true);
    if (initSql != null) {
      config.setConnectionInitSql(initSql);
    }
    return new HikariDataSource(config);
  }
}
