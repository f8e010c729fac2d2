package io.todokit.cli;

import io.todokit.schema.VerificationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code todo-cli verify}: checks the schema and data against the newest version. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check that the database holds every table, column, index, constraint, trigger, function"
          + " and type of the newest version, and that its data passes the data checks.",
      "Prints one [PASS] or [FAIL] line per check; exits with 1 when any check fails."
    },
    footer = ExitCode.HELP)
final class VerifyCommand implements Callable<Integer> {

  private final Io io;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  VerifyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    VerificationReport report = connection.schema().verify(connection.connect(io));
    io.out().print(report.render());
    if (report.passed()) {
      return ExitCode.OK.code();
    }
    io.out().flush();
    io.err()
        .printf(
            "todo-cli: verify: %d of %d checks failed (the [FAIL] lines above)%n",
            report.failures().size(), report.checks().size());
    return ExitCode.VERIFY_FAILED.code();
  }
}
