package io.todokit.spring.boot.test;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns {@link AutoConfigureTodoDatabase} on a test class into a {@link
 * TodoDatabaseContextCustomizer}; registered in {@code META-INF/spring.factories}.
 */
final class TodoDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public @Nullable ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    AutoConfigureTodoDatabase annotation =
        TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureTodoDatabase.class);
    return annotation == null ? null : new TodoDatabaseContextCustomizer(annotation.migrated());
  }
}
