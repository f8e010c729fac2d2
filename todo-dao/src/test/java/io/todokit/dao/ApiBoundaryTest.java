package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.internal.Ids;
import io.todokit.schema.jooq.Tables;
import io.todokit.schema.jooq.tables.records.TasksRecord;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No public signature of todo-dao mentions an internal or generated type (issue 11). Public only so
 * that its {@link Leaky} fixture counts as API for the check.
 */
public class ApiBoundaryTest {

  private final ApiSurface surface = ApiSurface.ofModuleOf(TodoDb.class);

  @Test
  void theModuleExportsItsApiAndGeneratedPackagesAndNotItsInternalOne() {
    assertThat(surface.moduleName()).isEqualTo("io.todokit.dao");
    assertThat(surface.exportedPackages())
        .containsExactlyInAnyOrder(
            "io.todokit.dao",
            "io.todokit.dao.conversations",
            "io.todokit.dao.portability",
            "io.todokit.dao.recurring",
            "io.todokit.dao.reminders",
            "io.todokit.dao.tags",
            "io.todokit.dao.tasks",
            "io.todokit.dao.users",
            "io.todokit.schema.jooq",
            "io.todokit.schema.jooq.enums",
            "io.todokit.schema.jooq.tables",
            "io.todokit.schema.jooq.tables.records");
    // The generated classes are exported for users' own queries but are not the DAOs' API.
    assertThat(surface.apiClasses())
        .contains(TodoDb.class, Page.class)
        .doesNotContain(Ids.class, Tables.class, TasksRecord.class);
  }

  @Test
  void noPublicSignatureMentionsAnInternalOrGeneratedType() {
    assertThat(new TreeSet<>(surface.violations())).isEmpty();
  }

  @Test
  void theCheckSeesAnInternalOrGeneratedTypeInEveryKindOfMember() {
    ApiSurface leaky = surface.withClasses(List.of(Leaky.class, Leaky.Nested.class));

    assertThat(leaky.violations())
        .containsExactlyInAnyOrder(
            "class io.todokit.dao.ApiBoundaryTest$Leaky implements mentions"
                + " io.todokit.dao.internal.Ids",
            "public int io.todokit.dao.ApiBoundaryTest$Leaky.compareTo(io.todokit.dao.internal.Ids)"
                + " mentions io.todokit.dao.internal.Ids",
            "public io.todokit.dao.ApiBoundaryTest$Leaky(io.todokit.dao.internal.Ids)"
                + " mentions io.todokit.dao.internal.Ids",
            "public java.util.List io.todokit.dao.ApiBoundaryTest$Leaky.records()"
                + " mentions io.todokit.schema.jooq.tables.records.TasksRecord",
            "protected io.todokit.dao.internal.Ids io.todokit.dao.ApiBoundaryTest$Leaky.ids"
                + " mentions io.todokit.dao.internal.Ids",
            "class io.todokit.dao.ApiBoundaryTest$Leaky$Nested extends mentions"
                + " io.todokit.dao.ApiBoundaryTest$Hidden");
  }

  /** A leak of each kind (test code in the exported package io.todokit.dao). */
  @SuppressWarnings("ComparableType") // a leak through a type argument, on purpose
  public static class Leaky implements Comparable<Ids> {
    protected Ids ids;

    public Leaky(Ids ids) {
      this.ids = ids;
    }

    public List<TasksRecord> records() {
      return List.of();
    }

    Ids packagePrivateIsFine() {
      return ids;
    }

    public Instant plainTypesAreFine() {
      return Instant.EPOCH;
    }

    @Override
    public int compareTo(Ids other) {
      return 0;
    }

    /** Extends a class users cannot see. */
    public static class Nested extends Hidden {}
  }

  static class Hidden {}
}
