package io.todokit.dao.reminders;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.todokit.dao.TodoDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

/**
 * A worker process for {@link ReminderCrashTest}: delivers reminders with a {@link ReminderWorker}
 * whose sender records each delivery (its key, in its own committed transaction) before the ack,
 * until it is killed. Arguments: JDBC URL, user, password.
 */
public final class CrashWorkerMain {

  private CrashWorkerMain() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(args[1]);
    config.setPassword(args[2]);
    config.setMaximumPoolSize(6);
    config.setConnectionInitSql("SET search_path = todokit, public");
    HikariDataSource dataSource = new HikariDataSource(config);
    TodoDb db = TodoDb.create(dataSource);
    ReminderSender sender =
        claim -> {
          try (Connection connection = dataSource.getConnection();
              PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO crash_deliveries (delivery_key, attempt) VALUES (?, ?)")) {
            insert.setString(1, claim.deliveryKey());
            insert.setInt(2, claim.attempt());
            insert.executeUpdate();
          }
          Thread.sleep(2);
        };
    ReminderWorker worker =
        ReminderWorker.builder(db, sender)
            .claims(ClaimRequest.of(Integer.parseInt(args[3])))
            .policy(DeliveryPolicy.defaults().withLease(Duration.ofSeconds(2)))
            .senders(4)
            .pollInterval(Duration.ofMillis(100))
            .build()
            .start();
    System.out.println("worker started");
    Thread.sleep(Long.MAX_VALUE);
    worker.close();
  }
}
