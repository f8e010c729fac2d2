package io.todokit.testing;

import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit extension that gives each test class one fresh {@link TestDatabase}, created before all
 * its tests and dropped after them, injectable as a parameter of type {@link TestDatabase} or
 * {@link DataSource} into constructors, lifecycle methods and test methods.
 *
 * <p>The database is migrated from {@code classpath:db/migration} unless the class is annotated
 * {@link TodoDatabaseTest} with other settings. {@code @Nested} classes share their outer class's
 * database. Thread-safe: its state lives in JUnit's extension store.
 */
public final class TodoDatabaseExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TodoDatabaseExtension.class);
  private static final String KEY = "database";

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public TodoDatabaseExtension() {}

  /**
   * Creates the class's database, unless an outer class already has one.
   *
   * @param context the test class's context
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  /**
   * Drops the database this class created.
   *
   * @param context the test class's context
   */
  @Override
  public void afterAll(ExtensionContext context) {
    // remove() looks in this class's store only, so a @Nested class leaves its outer's database.
    TestDatabase database = context.getStore(NAMESPACE).remove(KEY, TestDatabase.class);
    if (database != null) {
      database.close();
    }
  }

  /**
   * Whether the parameter is a {@link TestDatabase} or a {@link DataSource}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context
   * @return {@code true} for those two types
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == TestDatabase.class || type == DataSource.class;
  }

  /**
   * The class's database, or its data source.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context
   * @return the {@link TestDatabase} or its {@link DataSource}
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Parameter parameter = parameterContext.getParameter();
    TestDatabase database = database(extensionContext);
    return parameter.getType() == DataSource.class ? database.dataSource() : database;
  }

  /** Finds the database in the class's store or an outer one, creating it in the class's. */
  // Store.computeIfAbsent is new in Jupiter 6 (NoSuchMethodError on 5.x); getOrComputeIfAbsent,
  // deprecated by 6 but not for removal, behaves the same here on 5.10+ and 6.
  @SuppressWarnings("deprecation")
  private static TestDatabase database(ExtensionContext context) {
    ExtensionContext classContext = context;
    // A test instance of lifecycle PER_CLASS is constructed before beforeAll: create it then.
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    Class<?> testClass = classContext.getRequiredTestClass();
    return Objects.requireNonNull(
        classContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(KEY, key -> create(testClass), TestDatabase.class));
  }

  private static TestDatabase create(Class<?> testClass) {
    Optional<TodoDatabaseTest> settings = findSettings(testClass);
    if (settings.isPresent() && !settings.get().migrated()) {
      return TestDatabase.empty();
    }
    if (settings.isEmpty()) {
      return TestDatabase.migrated();
    }
    TodoDatabaseTest given = settings.get();
    if (given.todokit()) {
      return TestDatabase.migrated(given.locations());
    }
    if (given.locations().length == 0) {
      throw new IllegalStateException(
          "@TodoDatabaseTest(todokit = false) on "
              + testClass.getName()
              + " needs locations: the service's migrations to apply");
    }
    return TestDatabase.migratedOnly(given.locations());
  }

  /** The class's annotation, or that of the class it is an inner ({@code @Nested}) class of. */
  private static Optional<TodoDatabaseTest> findSettings(Class<?> testClass) {
    Class<?> type = testClass;
    while (true) {
      Optional<TodoDatabaseTest> found =
          AnnotationSupport.findAnnotation(type, TodoDatabaseTest.class);
      Class<?> enclosing = type.getEnclosingClass();
      if (found.isPresent() || enclosing == null || Modifier.isStatic(type.getModifiers())) {
        return found;
      }
      type = enclosing;
    }
  }
}
