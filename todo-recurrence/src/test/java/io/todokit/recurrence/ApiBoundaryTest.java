package io.todokit.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recurrence module's API is its one package, and no public signature in it mentions a
 * package-private helper (issue 11). Public only so that its {@link Leaky} fixture counts as API.
 */
public class ApiBoundaryTest {

  private final ApiSurface surface = ApiSurface.ofModuleOf(RecurrenceRule.class);

  @Test
  void theModuleExportsItsOnePackage() {
    assertThat(surface.moduleName()).isEqualTo("io.todokit.recurrence");
    assertThat(surface.exportedPackages()).containsExactly("io.todokit.recurrence");
    assertThat(surface.apiClasses())
        .contains(RecurrenceRule.class, Schedule.class, Until.class)
        .doesNotContain(RuleParts.class, SpecFields.class);
  }

  @Test
  void noPublicSignatureMentionsAHiddenType() {
    assertThat(surface.violations()).isEmpty();
  }

  @Test
  void theCheckSeesAPackagePrivateTypeInAPublicSignature() {
    ApiSurface leaky = surface.withClasses(List.of(Leaky.class));

    assertThat(leaky.violations())
        .containsExactly(
            "public static io.todokit.recurrence.RuleParts"
                + " io.todokit.recurrence.ApiBoundaryTest$Leaky.parts()"
                + " mentions io.todokit.recurrence.RuleParts");
  }

  /** A leak (test code in the exported package). */
  public static final class Leaky {
    private Leaky() {}

    public static RuleParts parts() {
      throw new UnsupportedOperationException();
    }
  }
}
