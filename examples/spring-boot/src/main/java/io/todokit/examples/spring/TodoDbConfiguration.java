package io.todokit.examples.spring;

import io.todokit.dao.TodoDb;
import java.time.Clock;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
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
 * {@code DataAccessException}. todokit translates jOOQ's own {@code DataAccessException} into its
 * exceptions ({@code DuplicateException}, {@code NotFoundException} naming the entity, …), and
 * would not recognize Spring's: a duplicate tag name would escape as Spring's {@code
 * DuplicateKeyException}. So the TodoDb gets Boot's configuration minus that one listener; every
 * other setting (dialect, connection provider, transaction provider, other listeners) is kept.
 */
@Configuration(proxyBeanMethods = false)
class TodoDbConfiguration {

  /** "Now" for the overdue and due-today lists and for todokit's timestamps. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  TodoDb todoDb(DSLContext dsl, Clock clock) {
    return TodoDb.create(withoutSpringExceptionTranslation(dsl), clock);
  }

  /**
   * Boot's jOOQ context without the listener that replaces jOOQ's exceptions with Spring's.
   *
   * @param dsl Boot's context
   * @return a context on a derived configuration
   */
  static DSLContext withoutSpringExceptionTranslation(DSLContext dsl) {
    ExecuteListenerProvider[] kept =
        Arrays.stream(dsl.configuration().executeListenerProviders())
            .filter(provider -> !(provider.provide() instanceof ExceptionTranslatorExecuteListener))
            .toArray(ExecuteListenerProvider[]::new);
    return dsl.configuration().derive(kept).dsl();
  }
}
