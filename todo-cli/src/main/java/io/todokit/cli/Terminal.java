package io.todokit.cli;

import java.io.Console;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/** Where todo-cli asks a yes/no question; tests answer it without a terminal. */
@FunctionalInterface
interface Terminal {

  /**
   * Shows the prompt and reads one line.
   *
   * @param prompt the question, shown as is
   * @return the answer, or null when there is no one to ask: no interactive terminal, or its input
   *     is closed
   */
  @Nullable String readLine(String prompt);

  /** The process's console, when it is an interactive terminal. */
  static Terminal system() {
    return prompt -> {
      Console console = System.console();
      if (console == null || !isTerminal(console)) {
        return null;
      }
      return console.readLine("%s", prompt);
    };
  }

  /** Whether the process runs on an interactive terminal (not in a pipe or with redirects). */
  static boolean interactive() {
    Console console = System.console();
    return console != null && isTerminal(console);
  }

  /**
   * On JDK 22 to 24 {@code System.console()} can return a console whose input is a pipe; {@code
   * Console.isTerminal()} (JDK 22+) tells. Reflection because the code is compiled for Java 21,
   * where a non-null console is always a terminal.
   */
  private static boolean isTerminal(Console console) {
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
