package io.todokit.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.TodoDb;
import io.todokit.dao.users.NewUser;
import io.todokit.schema.SchemaState;
import io.todokit.schema.TodoSchema;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * {@code @AutoConfigureTodoDatabase}: a Boot test gets a provisioned database as its data source,
 * and the application's startup migrates it.
 */
@SpringBootTest(
    classes = AutoConfigureTodoDatabaseIT.Application.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
@AutoConfigureTodoDatabase
class AutoConfigureTodoDatabaseIT {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}

  @Autowired TodoDb db;
  @Autowired DataSource dataSource;
  @Autowired Environment environment;

  @Test
  void theApplicationRunsOnAFreshTestDatabaseThatItMigratedItself() {
    assertThat(environment.getProperty("spring.datasource.url"))
        .startsWith("jdbc:postgresql://")
        .contains("/todokit_test_");
    assertThat(TodoSchema.standard().info(dataSource).state()).isEqualTo(SchemaState.CURRENT);
    assertThat(db.users().create(NewUser.of("hank", "h@example.com", "h")).username())
        .isEqualTo("hank");
  }
}
