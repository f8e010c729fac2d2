package org.example.boot;

import java.time.ZoneOffset;
import java.time.Clock;
import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.users.NewUser;
import io.todokit.spring.boot.test.AutoConfigureTodoDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app on Boot's managed versions: it starts on an empty database with both migration sets,
 * answers HTTP requests, and really runs on the versions Boot manages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTodoDatabase
class ConsumerApplicationTests {

  @LocalServerPort int port;
  @Autowired TodoDb db;
  @Autowired JdbcClient jdbc;

  @Test
  void runsOnTheVersionsSpringBootManages() {
    // spring-boot-dependencies 4.1.2: flyway.version 12.4.0 (todokit builds with 13.12.0),
    // jooq.version 3.21.9, jackson-2-bom.version 2.21.7 (todokit: 2.22.4), postgresql.version
    // 42.7.14, hikaricp.version 7.0.2 (todokit: 7.1.0).
    assertThat(jarOf(Flyway.class)).contains("flyway-core-12.4.0.jar");
    assertThat(jarOf(DSLContext.class)).contains("jooq-3.21.9.jar");
    assertThat(jarOf(com.fasterxml.jackson.databind.ObjectMapper.class))
        .contains("jackson-databind-2.21.7.jar");
    assertThat(jarOf(org.postgresql.Driver.class)).contains("postgresql-42.7.14.jar");
    assertThat(jarOf(com.zaxxer.hikari.HikariDataSource.class)).contains("HikariCP-7.0.2.jar");
    // junit-jupiter.version 6.0.3: todo-testing's @AutoConfigureTodoDatabase runs on Boot's JUnit.
    assertThat(jarOf(Test.class)).contains("junit-jupiter-api-6.0.3.jar");
  }

  @Test
  void startsWithBothMigrationSetsAndAnswersRequests() throws Exception {
    assertThat(
            jdbc.sql("SELECT count(*) FROM public.flyway_schema_history WHERE success")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    UUID user = db.users().create(NewUser.of("ivy", "ivy@example.com", "hash")).id();

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/users/" + user + "/tasks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Ship it\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"title\":\"Ship it\"");
    jdbc.sql("INSERT INTO notes (user_id, text) VALUES (?, 'both sets in one database')")
        .param(user)
        .update();
  }

  @Test
  void recurrenceJsonAndMaterializingTemplatesWorkOnBootsJacksonAndJooq() {
    UUID user = db.users().create(NewUser.of("kim", "kim@example.com", "hash")).id();
    Instant start = Instant.now().minusSeconds(3600);
    db.recurring()
        .create(
            user,
            NewRecurringTask.of(
                "Stand-up",
                RecurrenceJson.parse("{\"frequency\": \"weekly\", \"days\": [\"monday\"]}"),
                start));

    MaterializeResult result = db.withClock(Clock.fixed(start.plusSeconds(14 * 86_400), ZoneOffset.UTC)).recurring().materializeDue(10);

    assertThat(result.failed()).isEmpty();
    assertThat(result.created()).isNotEmpty();
    assertThat(result.created()).allSatisfy(task -> assertThat(task.title()).isEqualTo("Stand-up"));
  }

  @Test
  void aBlankTitleIsAProblemDetailFromTheStarter() throws Exception {
    UUID user = db.users().create(NewUser.of("jack", "jack@example.com", "hash")).id();

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/users/" + user + "/tasks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \" \"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"field\":\"title\"");
  }

  private static String jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().toString();
  }
}
