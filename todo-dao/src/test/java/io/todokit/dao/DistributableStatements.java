package io.todokit.dao;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The statement rule of a database distributed on {@code user_id} (docs/distributed.md): Citus runs
 * a row-locking read ({@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE}, {@code FOR
 * KEY SHARE}) only on one shard, so every such statement the DAOs send must restrict {@code
 * user_id} by equality. {@link #watch} wraps the DAO tests' data source and records every statement
 * text that breaks the rule; {@code DaoTestSupport} fails each test class that sent one.
 *
 * <p>Thread-safe: the DAO tests' pools are shared by worker threads.
 */
public final class DistributableStatements {

  private static final Pattern LOCKING =
      Pattern.compile(
          "\\bfor\\s+(?:no\\s+key\\s+update|update|key\\s+share|share)\\b",
          Pattern.CASE_INSENSITIVE);

  /** {@code "user_id" = ?}, qualified or not, or with a cast bind value. */
  private static final Pattern USER_EQUALITY =
      Pattern.compile("\\buser_id\"?\\s*=\\s*(?:\\?|cast\\(\\s*\\?)", Pattern.CASE_INSENSITIVE);

  private static final Set<String> VIOLATIONS = ConcurrentHashMap.newKeySet();

  private static final Set<String> LOCKING_SEEN = ConcurrentHashMap.newKeySet();

  private DistributableStatements() {}

  /**
   * Whether a statement keeps the rule: it takes no row locks, or it restricts {@code user_id} by
   * equality.
   */
  static boolean distributable(String sql) {
    return !LOCKING.matcher(sql).find() || USER_EQUALITY.matcher(sql).find();
  }

  /** The statements seen so far that break the rule. */
  static List<String> violations() {
    return List.copyOf(VIOLATIONS);
  }

  /** The row-locking statements seen so far (that keep the rule or not). */
  static Set<String> lockingStatements() {
    return Set.copyOf(LOCKING_SEEN);
  }

  private static void check(Object sql) {
    if (sql instanceof String text && LOCKING.matcher(text).find()) {
      LOCKING_SEEN.add(text);
      if (!distributable(text)) {
        VIOLATIONS.add(text);
      }
    }
  }

  /** A data source whose connections check every statement text they are given. */
  static DataSource watch(DataSource target) {
    return proxy(
        DataSource.class,
        target,
        (method, result) ->
            result instanceof Connection connection ? connection(connection) : result);
  }

  private static Connection connection(Connection target) {
    return proxy(
        Connection.class,
        target,
        (method, result) ->
            result instanceof Statement statement && method.getName().equals("createStatement")
                ? statement(statement)
                : result);
  }

  private static Statement statement(Statement target) {
    return proxy(Statement.class, target, (method, result) -> result);
  }

  private interface Wrap {
    Object wrap(Method method, Object result);
  }

  private static <T> T proxy(Class<T> type, T target, Wrap wrap) {
    InvocationHandler handler =
        (self, method, arguments) -> {
          if (arguments != null
              && arguments.length > 0
              && (method.getName().startsWith("prepare")
                  || method.getName().startsWith("execute")
                  || method.getName().equals("addBatch"))) {
            check(arguments[0]);
          }
          try {
            Object result = method.invoke(target, arguments);
            return result == null ? null : wrap.wrap(method, result);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
