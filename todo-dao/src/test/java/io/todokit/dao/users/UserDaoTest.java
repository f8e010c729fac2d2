package io.todokit.dao.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserDaoTest extends DaoTestSupport {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00.000001Z");
  private static final Instant T1 = Instant.parse("2025-01-02T09:30:00Z");
  private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final TodoDb at0 = dbAt(T0);
  private final TodoDb at1 = dbAt(T1);

  /** A username and email no other test uses. */
  private static String unique(String prefix) {
    return prefix + SEQUENCE.incrementAndGet() + "x" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  private static void assertDuplicate(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  private User create(String name) {
    return db.users().create(NewUser.of(name, name + "@Example.org", HASH));
  }

  // ---- create --------------------------------------------------------------------------------

  @Test
  void createNormalizesAndStoresEverything() {
    String name = unique("Alice.B_-");

    User user =
        at0.users()
            .create(
                NewUser.of("  " + name + " ", "  " + name.toUpperCase() + "@EXAMPLE.Org ", HASH)
                    .withTimeZone(ZoneId.of("Europe/Berlin")));

    assertThat(user.username()).isEqualTo(name);
    assertThat(user.email()).isEqualTo(name.toLowerCase() + "@example.org");
    assertThat(user.passwordHash()).isEqualTo(HASH);
    assertThat(user.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(user.active()).isTrue();
    assertThat(user.createdAt()).isEqualTo(T0);
    assertThat(user.updatedAt()).isEqualTo(T0);
    assertThat(user.id().version()).isEqualTo(7);
    assertThat(db.users().find(user.id())).contains(user);
    assertThat(
            count(
                "SELECT count(*) FROM users WHERE id = ? AND email = ? AND password_hash = ?"
                    + " AND time_zone = 'Europe/Berlin'",
                user.id(),
                name.toLowerCase() + "@example.org",
                HASH))
        .isEqualTo(1);
  }

  @Test
  void createDefaultsToUtcAndKeepsTheHashVerbatim() {
    String name = unique("bob");
    String hash = "  spaces ' \" ; -- /* */ 🔑  ";

    User user = db.users().create(NewUser.of(name, name + "@example.org", hash));

    assertThat(user.timeZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(user.passwordHash()).isEqualTo(hash);
    assertThat(count("SELECT count(*) FROM users WHERE password_hash = ?", hash)).isEqualTo(1);
  }

  @Test
  void createStoresAwkwardButValidEmailsVerbatim() {
    String email = "o'brien+\"x\";--/*y*/🙂@example.org";

    User user = db.users().create(NewUser.of(unique("obrien"), email, HASH));

    assertThat(user.email()).isEqualTo(email);
    assertThat(db.users().findByEmail(email)).contains(user);
  }

  @Test
  void usernamesAreUniqueExactlyAndNothingIsWritten() {
    User first = create(unique("carol"));
    long before = rows("users");

    assertDuplicate(
        () -> db.users().create(NewUser.of(first.username(), unique("other") + "@x.org", HASH)),
        "username");

    assertThat(rows("users")).isEqualTo(before);
    // Usernames are case-sensitive, as the unique index users_username_key is.
    assertThat(
            db.users()
                .create(NewUser.of(first.username().toUpperCase(), unique("u") + "@x.org", HASH))
                .username())
        .isEqualTo(first.username().toUpperCase());
  }

  @Test
  void emailsAreUniqueInAnyCaseAndNothingIsWritten() {
    User first = create(unique("dave"));
    long before = rows("users");

    assertDuplicate(
        () -> db.users().create(NewUser.of(unique("dave2"), first.email().toUpperCase(), HASH)),
        "email");
    // Written by plain SQL in upper case, the stored email still blocks the lower-case one.
    String shouty = unique("SHOUTY").toUpperCase();
    sql(
        "INSERT INTO users (username, email, password_hash) VALUES (?, ?, 'x')",
        shouty,
        shouty + "@EXAMPLE.ORG");
    assertDuplicate(
        () -> db.users().create(NewUser.of(unique("quiet"), shouty + "@example.org", HASH)),
        "email");

    assertThat(rows("users")).isEqualTo(before + 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab", "_alice", ".alice", "-alice", "al ice", "al;ce", "al'ce", "ali\0ce", "", "émile"
      })
  @NullSource
  void createRefusesBadUsernames(String username) {
    long before = rows("users");

    assertInvalid(
        () -> db.users().create(NewUser.of(username, "ok@example.org", HASH)), "username");

    assertThat(rows("users")).isEqualTo(before);
  }

  @Test
  void usernamesMayHaveThreeToFiftyCharacters() {
    assertInvalid(() -> NewUser.of("a".repeat(51), "a@b.org", HASH), "username");
    assertThat(NewUser.of("a".repeat(50), "a@b.org", HASH).username()).hasSize(50);
    assertThat(NewUser.of("a1-", "a@b.org", HASH).username()).isEqualTo("a1-");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"no-at", "a@", "@b.org", "a b@c.org", "a@b@c.org", "", "   ", "a\0@b.org"})
  @NullSource
  void createRefusesBadEmails(String email) {
    long before = rows("users");

    assertInvalid(() -> db.users().create(NewUser.of(unique("erin"), email, HASH)), "email");

    assertThat(rows("users")).isEqualTo(before);
  }

  @Test
  void emailsMayHaveUpTo254Characters() {
    String local = "a".repeat(64);
    String longest = local + "@" + "b".repeat(254 - 65);
    assertThat(NewUser.of("frank", longest, HASH).email()).hasSize(254);
    assertInvalid(() -> NewUser.of("frank", longest + "c", HASH), "email");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t", "ab\0cd"})
  @NullSource
  void createRefusesBlankPasswordHashes(String hash) {
    long before = rows("users");

    assertInvalid(
        () -> db.users().create(NewUser.of(unique("gina"), "gina@example.org", hash)),
        "password_hash");

    assertThat(rows("users")).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+05:00", "GMT+5", "Z", "UT", "EST5EDT"})
  @NullSource
  void createRefusesZonesThatAreNotRegions(String zone) {
    long before = rows("users");
    ZoneId zoneId = zone == null ? null : ZoneId.of(zone);

    assertInvalid(
        () ->
            db.users()
                .create(NewUser.of(unique("hal"), "hal@example.org", HASH).withTimeZone(zoneId)),
        "time_zone");

    assertThat(rows("users")).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Mars/Olympus", "", "Europe/Berlin ", "utc+1"})
  void idsThatAreNoZoneAtAllCannotReachTheApi(String zone) {
    // Time zones are ZoneId in every signature: such text fails where the caller parses it.
    assertThatThrownBy(() -> ZoneId.of(zone)).isInstanceOf(java.time.DateTimeException.class);
  }

  @Test
  void newUserRefusesAnOffsetAsZoneId() {
    assertInvalid(
        () -> new NewUser("ivan", "ivan@example.org", HASH, java.time.ZoneOffset.ofHours(5)),
        "time_zone");
  }

  // ---- toString ------------------------------------------------------------------------------

  @Test
  void toStringsNeverShowThePasswordHash() {
    NewUser command = NewUser.of(unique("jane"), "jane@example.org", HASH);
    User user = db.users().create(command);

    assertThat(user.toString())
        .doesNotContain(HASH)
        .doesNotContain("argon2")
        .contains(user.username(), user.email(), "redacted", user.id().toString());
    assertThat(command.toString()).doesNotContain(HASH).contains("redacted");
  }

  @Test
  void validationMessagesNeverShowThePasswordHash() {
    assertThatThrownBy(() -> NewUser.of("xavier", "not an email", "secret-hash"))
        .hasMessageNotContaining("secret-hash");
  }

  // ---- finders -------------------------------------------------------------------------------

  @Test
  void findersFindTheUserOrNothing() {
    User user = create(unique("Kim"));

    assertThat(db.users().find(user.id())).contains(user);
    assertThat(db.users().find(UUID.randomUUID())).isEmpty();
    assertThat(db.users().findByEmail(user.email())).contains(user);
    assertThat(db.users().findByEmail("  " + user.email().toUpperCase() + " ")).contains(user);
    assertThat(db.users().findByEmail("nobody@example.org")).isEmpty();
    assertThat(db.users().findByEmail("")).isEmpty();
    assertThat(db.users().findByEmail("a\0b")).isEmpty();
    assertThat(db.users().findByEmail("' OR '1'='1")).isEmpty();
    assertThat(db.users().findByUsername(user.username())).contains(user);
    assertThat(db.users().findByUsername(" " + user.username() + " ")).contains(user);
    assertThat(db.users().findByUsername(user.username().toLowerCase())).isEmpty();
    assertThat(db.users().findByUsername("' OR '1'='1")).isEmpty();
  }

  // ---- changes -------------------------------------------------------------------------------

  @Test
  void setTimeZoneChangesOnlyTheZoneAndStampsTheClock() {
    User user = at0.users().create(NewUser.of(unique("leo"), unique("leo") + "@x.org", HASH));

    User changed = at1.users().setTimeZone(user.id(), ZoneId.of("America/New_York"));

    assertThat(changed)
        .isEqualTo(
            new User(
                user.id(),
                user.username(),
                user.email(),
                HASH,
                ZoneId.of("America/New_York"),
                true,
                T0,
                T1));
    assertThat(db.users().find(user.id())).contains(changed);
  }

  @Test
  void setTimeZoneRefusesBadZonesAndUnknownUsers() {
    User user = create(unique("mia"));
    UUID ghost = UUID.randomUUID();

    for (String zone : List.of("+05:00", "Z", "GMT")) {
      assertInvalid(() -> db.users().setTimeZone(user.id(), ZoneId.of(zone)), "time_zone");
    }
    assertInvalid(() -> db.users().setTimeZone(user.id(), null), "time_zone");
    assertThatThrownBy(() -> db.users().setTimeZone(ghost, ZoneId.of("UTC")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("user");
              assertThat(e.id()).isEqualTo(ghost.toString());
            });

    assertThat(db.users().find(user.id())).contains(user);
  }

  @Test
  void deactivateAndActivateFlipTheFlag() {
    User user = at0.users().create(NewUser.of(unique("ned"), unique("ned") + "@x.org", HASH));

    User inactive = at1.users().deactivate(user.id());
    assertThat(inactive.active()).isFalse();
    assertThat(inactive.updatedAt()).isEqualTo(T1);
    assertThat(db.users().find(user.id()).orElseThrow().active()).isFalse();

    assertThat(db.users().activate(user.id()).active()).isTrue();
    assertThat(count("SELECT count(*) FROM users WHERE id = ? AND is_active", user.id()))
        .isEqualTo(1);
  }

  @Test
  void deactivateAndActivateOfAnUnknownUserAreNotFound() {
    UUID ghost = UUID.randomUUID();
    long before = rows("users");

    assertThatThrownBy(() -> db.users().deactivate(ghost)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> db.users().activate(ghost)).isInstanceOf(NotFoundException.class);

    assertThat(rows("users")).isEqualTo(before);
  }

  // ---- plans ---------------------------------------------------------------------------------

  @Test
  void findByEmailIsServedByTheLowerEmailIndex() throws SQLException {
    sql(
        "INSERT INTO users (username, email, password_hash)"
            + " SELECT 'bulk' || i, 'Bulk' || i || '@Example.org', 'x'"
            + " FROM generate_series(1, 20000) i");
    sql("ANALYZE users");
    List<String> plan = new ArrayList<>();
    try (Connection connection = sqlSource.getConnection();
        Statement statement = connection.createStatement();
        // The statement findByEmail runs, with its value inlined.
        ResultSet rows =
            statement.executeQuery(
                "EXPLAIN (COSTS OFF) SELECT * FROM users"
                    + " WHERE lower(users.email) = lower('bulk77@example.org')")) {
      while (rows.next()) {
        plan.add(rows.getString(1));
      }
    }
    System.out.println("---- findByEmail\n" + String.join("\n", plan));

    assertThat(String.join("\n", plan)).contains("users_email_lower_key");
    assertThat(db.users().findByEmail("BULK77@example.org").orElseThrow().username())
        .isEqualTo("bulk77");
  }
}
