package io.todokit.spring.boot.autoconfigure.web;

import io.todokit.dao.TodoException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Registers {@link TodoExceptionHandler} in a servlet web application with Spring MVC, unless
 * {@code todokit.problem-details.enabled=false} or the application has its own.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, ProblemDetail.class, TodoException.class})
@ConditionalOnBooleanProperty(name = "todokit.problem-details.enabled", matchIfMissing = true)
public final class TodoProblemDetailsAutoConfiguration {

  TodoProblemDetailsAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  TodoExceptionHandler todoExceptionHandler() {
    return new TodoExceptionHandler();
  }
}
