package io.todokit.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a command talks to besides the database: its output, the environment it reads {@code
 * TODO_PG_*} from, and the terminal it asks for confirmation on. Injected so that tests run
 * commands in-process.
 *
 * @param out standard output: results
 * @param err standard error: errors and warnings
 * @param env the environment variables
 * @param terminal where to ask yes/no questions
 * @param stdin standard input as bytes: what {@code import} reads without {@code --in}
 * @param stdout standard output as bytes: what {@code export} writes without {@code --out}
 * @param progress where a progress line goes (standard error of an interactive terminal), or null
 *     when nobody watches (a pipe, a file, a test)
 */
record Io(
    PrintWriter out,
    PrintWriter err,
    Map<String, String> env,
    Terminal terminal,
    InputStream stdin,
    OutputStream stdout,
    @Nullable PrintWriter progress) {

  Io {
    env = Map.copyOf(env);
  }

  /** Without standard input, byte output or progress line: for commands that need none. */
  Io(PrintWriter out, PrintWriter err, Map<String, String> env, Terminal terminal) {
    this(
        out,
        err,
        env,
        terminal,
        new ByteArrayInputStream(new byte[0]),
        OutputStream.nullOutputStream(),
        null);
  }

  /** The same, with results written to standard error (standard output carries data). */
  Io resultsToErr() {
    return new Io(err, err, env, terminal, stdin, stdout, progress);
  }
}
