package io.todokit.cli;

import io.todokit.schema.RollbackPlan;
import io.todokit.schema.SchemaInfo;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code todo-cli rollback --to V}: runs the down scripts newest first, after a confirmation, or
 * prints them with {@code --dry-run}.
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Roll the database back to a version by running the down scripts of the newer ones,"
          + " newest first. Down scripts drop tables and columns, and the data in them: back the"
          + " database up first (pg_dump).",
      "Each down script runs in its own transaction; when one fails, the database stays at the"
          + " version it was undoing.",
      "Asks for confirmation unless --yes; without a terminal to ask on, refuses (exit 2).",
      "Example: roll back everything after the conversations step: rollback --to 4"
    },
    footer = ExitCode.HELP)
final class RollbackCommand implements Callable<Integer> {

  private final Io io;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = "--to",
      required = true,
      paramLabel = "VERSION",
      converter = SchemaVersions.class,
      description = {
        "The version to roll back to: a number (0 undoes every migration), or a step's name"
            + " such as conversations (version 4)."
      })
  int to;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Option(
      names = "--dry-run",
      description = "Print the SQL of the down scripts that would run, and change nothing.")
  boolean dryRun;

  RollbackCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    DataSource dataSource = connection.connect(io, dryRun ? "-- " : "");
    int current = connection.schema().info(dataSource).currentVersion();
    if (to > current) {
      throw new CliException(
          ExitCode.USAGE,
          "the database is at version "
              + current
              + ", older than --to "
              + to
              + ": to go forward, use todo-cli migrate --to "
              + to);
    }
    RollbackPlan plan = connection.schema().planRollback(dataSource, to);
    if (plan.steps().isEmpty()) {
      io.out().printf("the database is already at version %d: nothing to roll back%n", current);
      return ExitCode.OK.code();
    }
    String summary =
        String.format(
            Locale.ROOT,
            "from version %d to %d, running %d down script%s",
            plan.fromVersion(),
            plan.toVersion(),
            plan.steps().size(),
            plan.steps().size() == 1 ? "" : "s");

    if (dryRun) {
      io.out().printf("-- dry run: rolling back %s; nothing is changed%n", summary);
      for (RollbackPlan.Step step : plan.steps()) {
        io.out()
            .printf(
                "%n-- %s: undoes %s%n%s",
                step.script(), SchemaVersions.label(step.version()), withNewline(step.sql()));
      }
      return ExitCode.OK.code();
    }

    if (!yes) {
      io.out().flush();
      String answer = io.terminal().readLine("Roll back " + summary + "? This drops data. [y/N] ");
      if (answer == null) {
        throw new CliException(
            ExitCode.USAGE,
            "cannot ask for confirmation: no interactive terminal (or its input is closed);"
                + " re-run with --yes to roll back "
                + summary
                + " without asking");
      }
      String normalized = answer.strip().toLowerCase(Locale.ROOT);
      if (!normalized.equals("y") && !normalized.equals("yes")) {
        throw new CliException(ExitCode.USAGE, "rollback not confirmed; nothing was changed");
      }
    }

    io.out().printf("rolling back %s...%n", summary);
    io.out().flush();
    List<RollbackPlan.Step> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      RollbackPlan.Step step = steps.get(i);
      // One call per step, so that each finished step is reported before the next one starts.
      int below = i + 1 < steps.size() ? steps.get(i + 1).version() : plan.toVersion();
      connection.schema().rollbackTo(dataSource, below);
      io.out().printf("rolled back %s (%s)%n", SchemaVersions.label(step.version()), step.script());
      io.out().flush();
    }
    SchemaInfo after = connection.schema().info(dataSource);
    io.out().printf("done: the database is at version %d%n", after.currentVersion());
    return ExitCode.OK.code();
  }

  private static String withNewline(String sql) {
    return sql.endsWith("\n") ? sql : sql + "\n";
  }
}
