package io.todokit.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command talks to besides the database: its output, the environment it reads {@code
 * TODO_PG_*} from, and the terminal it asks for confirmation on. Injected so that tests run
 * commands in-process.
 *
 * @param out standard output: results
 * @param err standard error: errors and warnings
 * @param env the environment variables
 * @param terminal where to ask yes/no questions
 */
record Io(PrintWriter out, PrintWriter err, Map<String, String> env, Terminal terminal) {

  Io {
    env = Map.copyOf(env);
  }
}
