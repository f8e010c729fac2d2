package io.todokit.testing;

import java.util.Locale;

/** The way a {@link PostgresServer} was found; also the values of {@code todo.pg.provider}. */
public enum Provider {
  /** An existing server named by {@code TODO_PG_URL} or {@code todo.pg.url}. */
  URL,
  /** A {@code postgres:18} (or {@code todo.pg.image}) container started with Testcontainers. */
  TESTCONTAINERS,
  /** A throwaway PostgreSQL 18 started from zonky's embedded binaries in a temporary directory. */
  EMBEDDED;

  /**
   * The value of this provider in {@code todo.pg.provider}, for example {@code "embedded"}.
   *
   * @return the lower-case setting value
   */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
