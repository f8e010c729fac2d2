package io.todokit.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class one fresh {@link TestDatabase}, injectable as a {@link
 * TestDatabase} or {@link javax.sql.DataSource} parameter; see {@link TodoDatabaseExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TodoDatabaseExtension.class)
public @interface TodoDatabaseTest {

  /**
   * Whether the database is migrated; {@code false} gives an empty one.
   *
   * @return {@code true} by default
   */
  boolean migrated() default true;

  /**
   * Whether todokit's migrations are applied (todokit's tables in the schema {@code todokit}), when
   * {@link #migrated()}; {@code false} applies only {@link #locations()}.
   *
   * @return {@code true} by default
   */
  boolean todokit() default true;

  /**
   * The Flyway locations of the service's own migrations, applied after todokit's with Flyway's
   * defaults when {@link #migrated()}, e.g. {@code classpath:db/migration}.
   *
   * @return none by default
   */
  String[] locations() default {};
}
