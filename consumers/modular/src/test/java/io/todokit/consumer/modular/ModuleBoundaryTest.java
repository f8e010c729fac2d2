package io.todokit.consumer.modular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module that requires io.todokit.dao compiles against its API, and cannot see its internal
 * package: javac itself refuses, on the module path this test runs on.
 */
class ModuleBoundaryTest {

  @TempDir Path work;

  @Test
  void aModuleCompilesAgainstTheApiAndTheGeneratedJooqClasses() throws IOException {
    List<String> errors =
        compile(
            """
            package probe;

            import io.todokit.dao.TodoDb;
            import io.todokit.schema.jooq.Tables;

            public class Probe {
              public TodoDb db;
              public Object tasks = Tables.TASKS;
            }
            """);

    assertThat(errors).isEmpty();
  }

  @Test
  void aModuleCannotImportTheInternalPackage() throws IOException {
    List<String> errors =
        compile(
            """
            package probe;

            import io.todokit.dao.internal.DaoContext;

            public class Probe {
              public DaoContext context;
            }
            """);

    assertThat(errors)
        .isNotEmpty()
        .allSatisfy(
            error ->
                assertThat(error)
                    .contains("package io.todokit.dao.internal is not visible")
                    .contains(
                        "package io.todokit.dao.internal is declared in module io.todokit.dao,"
                            + " which does not export it"));
  }

  /** Compiles module {@code probe} (requires io.todokit.dao) and returns javac's errors. */
  private List<String> compile(String probeSource) throws IOException {
    Path sources = Files.createDirectories(work.resolve("src/probe"));
    Files.writeString(
        work.resolve("src/module-info.java"), "module probe { requires io.todokit.dao; }\n");
    Files.writeString(sources.resolve("Probe.java"), probeSource);
    Path classes = Files.createDirectories(work.resolve("classes"));
    String modulePath = System.getProperty("jdk.module.path");
    assertThat(modulePath).as("the tests run on the module path").isNotBlank();

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      Iterable<? extends JavaFileObject> units =
          files.getJavaFileObjects(
              work.resolve("src/module-info.java"), sources.resolve("Probe.java"));
      List<String> options =
          List.of("--module-path", modulePath, "-d", classes.toString(), "-proc:none");
      javac.getTask(null, files, diagnostics, options, null, units).call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
  }
}
