package org.example.orders;

import io.todokit.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs {@link OrdersApp} on a throwaway PostgreSQL (found or started the way the tests find one),
 * then, when {@code -Dtodo.cli.jar=…/todo-cli-VERSION-all.jar} is given, {@code java -jar} that
 * jar's {@code info} on the same database. ../run-release-consumer.sh runs this with {@code java
 * -cp}; exits with the CLI's exit code.
 */
final class RunOnThrowawayDatabase {

  private RunOnThrowawayDatabase() {}

  public static void main(String[] args) throws SQLException, IOException, InterruptedException {
    int exitCode = 0;
    try (TestDatabase database = TestDatabase.empty()) {
      OrdersApp.run(database.dataSource(), System.out);
      String cliJar = System.getProperty("todo.cli.jar");
      if (cliJar != null) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder cli = new ProcessBuilder(List.of(java, "-jar", cliJar, "info")).inheritIO();
        cli.environment().put("TODO_PG_URL", database.jdbcUrl());
        cli.environment().put("TODO_PG_USER", database.username());
        cli.environment().put("TODO_PG_PASSWORD", database.password());
        exitCode = cli.start().waitFor();
      }
    }
    System.exit(exitCode);
  }
}
