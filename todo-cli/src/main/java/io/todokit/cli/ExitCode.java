package io.todokit.cli;

/**
 * The process exit codes of todo-cli; the help of every command and docs/operations.md list them.
 */
enum ExitCode {
  /** The command did what was asked. */
  OK(0),
  /** {@code verify} ran and at least one check failed. */
  VERIFY_FAILED(1),
  /**
   * Bad usage, configuration or connection: an unknown option, no URL, an unreadable password file,
   * an unreachable server, a rollback that was not confirmed. Nothing was changed.
   */
  USAGE(2),
  /** A schema operation (migration, rollback, reading the history) failed. */
  SCHEMA_FAILED(3),
  /**
   * An export or import failed: a record was refused (the message names its line and field), a user
   * already exists, or the database or a file failed. An import keeps the users before the failing
   * one; nothing of that user is written.
   */
  DATA_FAILED(4);

  /** The text appended to every command's help. */
  static final String HELP =
      "%nExit codes:%n"
          + "  0  success%n"
          + "  1  verify found a failed check%n"
          + "  2  usage, configuration or connection error, or rollback not confirmed%n"
          + "     (nothing was changed)%n"
          + "  3  a schema operation failed (see the message for the version the database is"
          + " at)%n"
          + "  4  an export or import failed (the message names the line and field)%n";

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The number the process exits with. */
  int code() {
    return code;
  }
}
