package io.todokit.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.TodoDb;
import io.todokit.schema.SchemaState;
import io.todokit.schema.TodoSchema;
import io.todokit.spring.boot.autoconfigure.TodoProperties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * {@code @AutoConfigureTodoDatabase(migrated = true)}: the database already holds todokit's schema,
 * so even {@code todokit.migration=validate} starts.
 */
@SpringBootTest(
    classes = PreMigratedTodoDatabaseIT.Application.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "todokit.migration=validate")
@AutoConfigureTodoDatabase(migrated = true)
class PreMigratedTodoDatabaseIT {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}

  @Autowired TodoDb db;
  @Autowired DataSource dataSource;
  @Autowired Environment environment;
  @Autowired TodoProperties properties;

  @Test
  void theDatabaseArrivesMigratedAndTheApplicationOnlyValidatesIt() {
    assertThat(properties.migration()).isEqualTo(TodoProperties.Migration.VALIDATE);
    assertThat(environment.getProperty("spring.datasource.url")).contains("/todokit_test_");
    assertThat(TodoSchema.standard().info(dataSource).state()).isEqualTo(SchemaState.CURRENT);
    assertThat(db.users().find(UUID.randomUUID())).isEmpty();
  }
}
