package io.todokit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.todokit.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the quick start on a fresh migrated database and checks its report, section by section. */
class QuickStartTest {

  private static TestDatabase database;
  private static String report;

  @BeforeAll
  static void runQuickStart() {
    database = TestDatabase.migrated();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.username());
    config.setPassword(database.password());
    config.setMaximumPoolSize(2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (HikariDataSource pool = new HikariDataSource(config);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      QuickStart.run(pool, Clock.fixed(QuickStart.NOW, ZoneOffset.UTC), out);
    }
    report = bytes.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Test
  void headerShowsTheUsersWallClockAndTheInstant() {
    assertThat(report.lines().findFirst())
        .hasValue(
            "todokit quick start: alice lives in Europe/Berlin; it is Sat 28 Mar 2026, 00:30 there"
                + " (2026-03-27T23:30:00Z)");
  }

  @Test
  void overdueListsOpenTasksDueBeforeNowEarliestFirst() {
    assertThat(section("== Overdue (3)"))
        .containsExactly(
            "urgent  Renew passport                 due Wed 25 Mar 12:00",
            "medium  Water the plants               due Thu 26 Mar 19:00",
            "high    Send invoice to ACME           due Fri 27 Mar 17:00");
  }

  @Test
  void dueTodayIsTheUsersSaturdayAlthoughItIsStillFridayInUtc() {
    assertThat(section("== Due today (Sat 28 Mar 2026 in Europe/Berlin) (2)"))
        .containsExactly(
            "high    Buy a birthday present         due Sat 28 Mar 11:00",
            "medium  Book flights                   due Sat 28 Mar 20:00");
  }

  @Test
  void tagFiltersCombineWithAnyAndAll() {
    assertThat(titles(section("== Tagged work OR errands (4)")))
        .containsExactly(
            "Renew passport",
            "Send invoice to ACME",
            "Buy a birthday present",
            "Prepare the quarterly report");
    assertThat(titles(section("== Tagged home AND errands (1)")))
        .containsExactly("Buy a birthday present");
  }

  @Test
  void byPriorityListsMostUrgentFirstThenByDueDate() {
    assertThat(titles(section("== Urgent and high priority (4)")))
        .containsExactly(
            "Renew passport",
            "Prepare the quarterly report",
            "Send invoice to ACME",
            "Buy a birthday present");
  }

  @Test
  void lastDayOfTheMonthRuleNeverDriftsToPlusThirtyDays() {
    assertThat(
            section(
                "== Next five occurrences of FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1,"
                    + " from 2026-01-31"))
        .containsExactly(
            "Tue 31 Mar 09:00  = 2026-03-31T07:00:00Z",
            "Thu 30 Apr 09:00  = 2026-04-30T07:00:00Z",
            "Sun 31 May 09:00  = 2026-05-31T07:00:00Z",
            "Tue 30 Jun 09:00  = 2026-06-30T07:00:00Z",
            "Fri 31 Jul 09:00  = 2026-07-31T07:00:00Z");
  }

  @Test
  void completingTheRecurringTaskCreatesTheNextOnTheSameWallClockTimeAcrossDst() {
    assertThat(
            section(
                "== Completing \"Water the plants\", rule"
                    + " {\"frequency\":\"weekly\",\"interval\":1,\"days\":[\"monday\",\"thursday\"],"
                    + "\"mode\":\"fixed\"}"))
        .containsExactly(
            "completed  Thu 26 Mar 19:00 +01:00", "next       Mon 30 Mar 19:00 +02:00");
  }

  @Test
  void materializeDueCatchesUpEveryMissedStandUpButOnlyTheLatestReview() {
    assertThat(section("== materializeDue: tasks made from 2 templates (6)"))
        .containsExactly(
            "medium  Weekly review                  due Fri 27 Mar 17:00",
            "high    Stand-up                       due Mon 23 Mar 09:30",
            "high    Stand-up                       due Tue 24 Mar 09:30",
            "high    Stand-up                       due Wed 25 Mar 09:30",
            "high    Stand-up                       due Thu 26 Mar 09:30",
            "high    Stand-up                       due Fri 27 Mar 09:30");
  }

  @Test
  void claimLeasesEachDueReminderOnceAndNotTheLaterOne() {
    assertThat(section("== claim: 2 reminders to send"))
        .containsExactly(
            "Fri 27 Mar 16:00  Send invoice to ACME",
            "Fri 27 Mar 20:00  Call the plumber",
            "a second claim returns 0");
  }

  @Test
  void conversationReplaysInOrderWithTheToolCallAndItsResult() {
    assertThat(section("== Conversation \"What's on today?\" replayed"))
        .containsExactly(
            "#1 user      What do I have to do today?",
            "#2 assistant calls due_today({}) [call_1]",
            "#3 tool      answers call_1: [{\"title\":\"Buy a birthday present\",\"due\":\"11:00\"},"
                + "{\"title\":\"Book flights\",\"due\":\"20:00\"}]",
            "#4 assistant Two things: Buy a birthday present at 11:00, and Book flights at 20:00.");
  }

  /** The lines of the section with this heading, without their indentation. */
  private static List<String> section(String heading) {
    List<String> lines = report.lines().toList();
    int start = lines.indexOf(heading);
    assertThat(start).as("section %s in%n%s", heading, report).isNotNegative();
    List<String> body = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
      body.add(lines.get(i).strip());
    }
    return body;
  }

  /** The titles of task lines ({@code priority title due …}). */
  private static List<String> titles(List<String> taskLines) {
    return taskLines.stream().map(line -> line.substring(8, 38).strip()).toList();
  }
}
