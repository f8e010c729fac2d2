package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Versions on the command line: numbers and step names. */
class SchemaVersionsTest {

  private final SchemaVersions versions = new SchemaVersions();

  @Test
  void takesNumbersFrom0ToTheHead() {
    assertThat(versions.convert("0")).isZero();
    assertThat(versions.convert("4")).isEqualTo(4);
    assertThat(versions.convert(" 10 ")).isEqualTo(10);
    assertThat(versions.convert("13")).isEqualTo(13);
  }

  @Test
  void takesStepNamesInAnyCaseWithDashesOrUnderscoresOrAUniqueBeginning() {
    assertThat(versions.convert("conversations")).isEqualTo(4);
    assertThat(versions.convert("conversations-and-messages")).isEqualTo(4);
    assertThat(versions.convert("TASK_PRIORITY")).isEqualTo(5);
    assertThat(versions.convert("tasks")).isEqualTo(2);
    assertThat(versions.convert("recurring")).isEqualTo(10);
    assertThat(versions.convert("text-and-zone")).isEqualTo(11);
  }

  @Test
  void rejectsUnknownVersionsAndAmbiguousNames() {
    assertThatThrownBy(() -> versions.convert("16"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("no schema version 16: versions are 0 to 15");
    assertThatThrownBy(() -> versions.convert("99999999999999"))
        .hasMessage("no schema version 99999999999999: versions are 0 to 15");
    assertThatThrownBy(() -> versions.convert("task"))
        .hasMessageStartingWith("'task' could be 2=tasks, 5=task-priority; give a version 0 to 15");
    assertThatThrownBy(() -> versions.convert("comments"))
        .hasMessageStartingWith(
            "no schema step is called 'comments'; give a version 0 to 15 or one of 1=users, 2=tasks,");
    assertThatThrownBy(() -> versions.convert("-1"))
        .hasMessageStartingWith("no schema step is called '-1'");
  }

  @Test
  void labelsVersionsWithTheirStep() {
    assertThat(SchemaVersions.label(5)).isEqualTo("V5 task_priority");
    assertThat(SchemaVersions.label(0)).isEqualTo("V0 (empty)");
    assertThat(SchemaVersions.label(99)).isEqualTo("V99 (newer than this release)");
  }
}
