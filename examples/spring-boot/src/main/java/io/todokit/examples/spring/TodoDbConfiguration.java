package io.todokit.examples.spring;

import io.todokit.dao.TodoDb;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes one {@link TodoDb} from Spring Boot's jOOQ {@link DSLContext}, so that todokit shares
 * Boot's connection pool and transaction manager.
 *
 * <p>Transactions: Boot's DSLContext runs jOOQ transactions through a {@code
 * SpringTransactionProvider} with {@code PROPAGATION_NESTED}. Each TodoDb write (and {@link
 * TodoDb#transaction}) is one such jOOQ transaction, so outside a Spring transaction it is a
 * transaction of its own, committed when the call returns; inside one ({@code @Transactional}, a
 * {@code TransactionTemplate}) it joins it as a savepoint: a failed DAO call rolls back to its
 * savepoint only, and nothing is committed until the outer transaction commits. Reads join an open
 * transaction too (Boot wraps the pool in a {@code TransactionAwareDataSourceProxy}).
 *
 * <p>Errors: Boot also registers an execute listener that turns every SQL error into a Spring
 * {@code DataAccessException}; todokit looks through it for the PostgreSQL error, so DAO calls
 * still throw todokit's exceptions ({@code DuplicateException}, {@code NotFoundException} naming
 * the entity, …), which {@code web.ProblemDetails} maps to HTTP statuses.
 */
@Configuration(proxyBeanMethods = false)
class TodoDbConfiguration {

  /** "Now" for the overdue and due-today lists and for todokit's timestamps. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * The TodoDb, with its timeouts from {@code todokit.statement-timeout} and {@code
   * todokit.lock-timeout} (ISO-8601 durations; todokit's defaults are 30 s and 5 s): a request
   * stuck behind a lock fails with a retryable {@code UnavailableException}, a 503.
   */
  @Bean
  TodoDb todoDb(
      DSLContext dsl,
      Clock clock,
      @Value("${todokit.statement-timeout:PT30S}") Duration statementTimeout,
      @Value("${todokit.lock-timeout:PT5S}") Duration lockTimeout) {
    return TodoDb.create(dsl, clock).withTimeouts(statementTimeout, lockTimeout);
  }
}
