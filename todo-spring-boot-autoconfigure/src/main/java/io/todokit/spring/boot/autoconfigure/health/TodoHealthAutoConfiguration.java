package io.todokit.spring.boot.autoconfigure.health;

import io.todokit.schema.TodoSchema;
import io.todokit.spring.boot.autoconfigure.TodoAutoConfiguration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds {@link TodoHealthIndicator} (contributor {@code todokit}) when Spring Boot's health module
 * is on the class path; {@code management.health.todokit.enabled=false} turns it off.
 */
@AutoConfiguration(after = TodoAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({DataSource.class, TodoSchema.class})
@ConditionalOnEnabledHealthIndicator("todokit")
public final class TodoHealthAutoConfiguration {

  TodoHealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "todokitHealthIndicator")
  TodoHealthIndicator todokitHealthIndicator(DataSource dataSource, TodoSchema schema) {
    return new TodoHealthIndicator(dataSource, schema);
  }
}
