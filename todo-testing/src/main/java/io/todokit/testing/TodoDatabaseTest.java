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
   * The Flyway locations of the migrations, when {@link #migrated()}.
   *
   * @return {@code classpath:db/migration} by default
   */
  String[] locations() default {TestDatabase.DEFAULT_LOCATION};
}
