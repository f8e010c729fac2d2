package io.todokit.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring Boot test ({@code @SpringBootTest}, or any Spring test context) a fresh PostgreSQL
 * database from {@code todo-testing} as the application's {@code spring.datasource.*}: no
 * {@code @DynamicPropertySource}, no URL in the test's properties.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureTodoDatabase
 * class OrdersIT {
 *   @Autowired TodoDb db;
 * }
 * }</pre>
 *
 * <p>The database is empty by default, so that the application's own startup migrates it (todokit's
 * migrations through the starter, the application's own through Spring Boot's Flyway), exactly as
 * in production. It lives as long as the test context: Spring caches a context and reuses it for
 * every test class with the same configuration, and those classes share the database; it is dropped
 * when the context closes (at the latest when the test JVM ends). The server is found as {@code
 * todo-testing} finds one ({@code TODO_PG_URL}, Docker, or an embedded PostgreSQL).
 *
 * <p>Needs {@code io.todokit:todo-testing} on the test class path.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureTodoDatabase {

  /**
   * Whether the database starts with todokit's migrations already applied (a copy of a migrated
   * template, which is cheaper); the application's startup then finds todokit's schema current.
   *
   * @return {@code false} by default: an empty database
   */
  boolean migrated() default false;
}
