package io.todokit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every region of this module's sources (main and test) between {@code // tag::name[]} and {@code
 * // end::name[]} appears verbatim in the repository's README.md or in one of its docs/*.md (with
 * the region's common indentation removed), and every fenced Java block of those files is part of
 * such a region (here or in examples/spring-boot), so the documentation's samples are always code
 * that compiles and that {@code DemosTest} or the test holding them runs.
 */
class ReadmeSnippetsTest {

  private static final Pattern TAG = Pattern.compile("^\\s*// tag::([\\w-]+)\\[]\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end::([\\w-]+)\\[]\\s*$");

  /** The module's base directory: surefire runs tests there (see the pom). */
  private static final List<Path> SOURCES =
      List.of(
          Path.of("src/main/java"),
          Path.of("src/test/java"),
          Path.of("../spring-boot/src/main/java"),
          Path.of("../spring-boot/src/test/java"));

  /** A fenced Java block of the Markdown files. */
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

  private static final Path README =
      Path.of(System.getProperty("todokit.readme", "../../README.md"));

  @Test
  void everyJavaBlockOfTheDocsIsPartOfATaggedSnippet() throws IOException {
    Map<String, String> snippets = snippets();
    List<String> uncompiled = new ArrayList<>();
    for (Path doc : markdownFiles()) {
      Matcher block = JAVA_BLOCK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
      while (block.find()) {
        String code = block.group(1);
        if (!compiled(code, snippets.values())) {
          uncompiled.add(doc.getFileName() + ":\n" + code);
        }
      }
    }
    assertThat(uncompiled)
        .as(
            "Java blocks that no tagged snippet holds; write them as code in %s and tag them",
            SOURCES)
        .isEmpty();
  }

  /** Whether a block is part of one snippet, or made of whole snippets one after another. */
  private static boolean compiled(String code, Collection<String> snippets) {
    if (snippets.stream().anyMatch(snippet -> snippet.contains(code))) {
      return true;
    }
    String rest = code;
    for (String snippet :
        snippets.stream().sorted(Comparator.comparing(String::length).reversed()).toList()) {
      rest = rest.replace(snippet, "\n");
    }
    return rest.isBlank();
  }

  private static List<Path> markdownFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(README));
    try (Stream<Path> docs = Files.list(README.resolveSibling("docs"))) {
      docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  @Test
  void everyTaggedSnippetAppearsVerbatimInTheReadme() throws IOException {
    StringBuilder documentation = new StringBuilder();
    for (Path doc : markdownFiles()) {
      documentation.append('\n').append(Files.readString(doc, StandardCharsets.UTF_8));
    }
    String readme = documentation.toString();
    Map<String, String> snippets = snippets();

    assertThat(snippets)
        .as("tagged snippets in %s", SOURCES)
        .containsKeys(
            "testing-extension",
            "testing-fixture",
            "tasks-create",
            "tags-create",
            "reminders",
            "recurring-create",
            "conversations",
            "users",
            "transactions");
    List<String> missing = new ArrayList<>();
    snippets.forEach(
        (name, snippet) -> {
          if (!readme.contains(snippet)) {
            missing.add("// " + name + ":\n" + snippet);
          }
        });
    assertThat(missing)
        .as("snippets missing from %s and docs/*.md; paste them there", README.toAbsolutePath())
        .isEmpty();
  }

  /** The tagged regions by name, in source order, each without its common indentation. */
  private static Map<String, String> snippets() throws IOException {
    Map<String, String> snippets = new LinkedHashMap<>();
    List<Path> sources = new ArrayList<>();
    for (Path root : SOURCES) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(path -> path.toString().endsWith(".java")).sorted().forEach(sources::add);
      }
    }
    try {
      for (Path file : sources) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String open = null;
        List<String> body = new ArrayList<>();
        for (String line : lines) {
          Matcher tag = TAG.matcher(line);
          Matcher end = END.matcher(line);
          if (tag.matches()) {
            assertThat(open).as("nested tag %s in %s", tag.group(1), file).isNull();
            open = tag.group(1);
            body.clear();
          } else if (end.matches()) {
            assertThat(end.group(1)).as("end tag in %s", file).isEqualTo(open);
            assertThat(snippets).as("duplicate tag in %s", file).doesNotContainKey(open);
            snippets.put(open, dedent(body));
            open = null;
          } else if (open != null) {
            body.add(line);
          }
        }
        assertThat(open).as("unclosed tag in %s", file).isNull();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return snippets;
  }

  private static String dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return text.toString();
  }
}
