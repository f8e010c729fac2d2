package io.todokit.dao.users;

import static io.todokit.schema.jooq.Tables.USERS;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Users: create them, find them by id, email or username, and change their time zone or active
 * flag; use {@code TodoDb.users()} to get one.
 *
 * <p>A user is the tenant every other row belongs to, so these calls take the user's own id, not an
 * acting user's. Password hashes are stored as given (hash them before, with a password hashing
 * function such as Argon2 or bcrypt) and never appear in messages or in {@code toString()}. Each
 * call is one transaction; a call that throws has written nothing. Instances are immutable and
 * thread-safe.
 */
public final class UserDao {

  private final DaoContext context;

  static {
    DaoAccess.register(UserDao.class, UserDao::new);
  }

  private UserDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * Creates a user.
   *
   * @param user the username, email, password hash and time zone, already checked
   * @return the user as stored: active, with a new id
   * @throws DuplicateException with field {@code username} when the username is taken (exactly), or
   *     {@code email} when the email is taken in any case
   */
  public User create(NewUser user) {
    Objects.requireNonNull(user, "user");
    Instant now = context.now();
    UUID id = context.newId();
    return context.write(
        dsl ->
            toUser(
                dsl.insertInto(USERS)
                    .set(USERS.ID, id)
                    .set(USERS.USERNAME, user.username())
                    .set(USERS.EMAIL, user.email())
                    .set(USERS.PASSWORD_HASH, user.passwordHash())
                    .set(USERS.TIME_ZONE, user.timeZone().getId())
                    .set(USERS.IS_ACTIVE, true)
                    .set(USERS.CREATED_AT, now)
                    .set(USERS.UPDATED_AT, now)
                    .returning()
                    .fetchSingle()),
        id);
  }

  /**
   * The user with this id, active or not.
   *
   * @param userId the user
   * @return the user, or empty when there is none
   */
  public Optional<User> find(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    return findWhere(USERS.ID.eq(userId), userId);
  }

  /**
   * The user with this id, active or not.
   *
   * @param userId the user
   * @return the user
   * @throws NotFoundException ({@code user}) when there is no such user
   */
  public User get(UUID userId) {
    return find(userId).orElseThrow(() -> new NotFoundException("user", userId));
  }

  /**
   * The user with this email address, in any case (served by the index on {@code lower(email)}).
   *
   * @param email the address; surrounding spaces are ignored
   * @return the user, or empty when there is none
   */
  public Optional<User> findByEmail(String email) {
    Objects.requireNonNull(email, "email");
    String normalized = email.strip().toLowerCase(Locale.ROOT);
    if (normalized.isEmpty() || normalized.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    return findWhere(DSL.lower(USERS.EMAIL).eq(DSL.lower(DSL.val(normalized))), null);
  }

  /**
   * The user with exactly this username (usernames are case-sensitive).
   *
   * @param username the username; surrounding spaces are ignored
   * @return the user, or empty when there is none
   */
  public Optional<User> findByUsername(String username) {
    Objects.requireNonNull(username, "username");
    String trimmed = username.strip();
    if (trimmed.isEmpty() || trimmed.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    return findWhere(USERS.USERNAME.eq(trimmed), null);
  }

  /**
   * Changes a user's time zone.
   *
   * @param userId the user
   * @param zone an IANA region such as {@code Europe/Berlin}, or {@code UTC}
   * @return the changed user
   * @throws ValidationException with field {@code time_zone} for a zone that is not a region (an
   *     offset such as {@code +05:00}, {@code Z}, {@code GMT}, {@code EST}) or is null
   * @throws NotFoundException when there is no such user
   */
  public User setTimeZone(UUID userId, ZoneId zone) {
    Objects.requireNonNull(userId, "userId");
    ZoneId checked = UserValues.timeZone(zone);
    return update(userId, USERS.TIME_ZONE, checked.getId());
  }

  /**
   * Deactivates a user (their rows stay); deactivating an inactive user changes nothing but {@code
   * updated_at}.
   *
   * @param userId the user
   * @return the changed user
   * @throws NotFoundException when there is no such user
   */
  public User deactivate(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    return update(userId, USERS.IS_ACTIVE, false);
  }

  /**
   * Activates a user again; activating an active user changes nothing but {@code updated_at}.
   *
   * @param userId the user
   * @return the changed user
   * @throws NotFoundException when there is no such user
   */
  public User activate(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    return update(userId, USERS.IS_ACTIVE, true);
  }

  /**
   * Deletes a user and every row of theirs: tasks, tags, reminders, templates, conversations and
   * messages go with the user (every table's foreign key cascades from {@code users}).
   *
   * @param userId the user
   * @throws NotFoundException when there is no such user
   */
  public void delete(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    int deleted =
        context.write(dsl -> dsl.deleteFrom(USERS).where(USERS.ID.eq(userId)).execute(), userId);
    if (deleted == 0) {
      throw new NotFoundException("user", userId);
    }
  }

  private Optional<User> findWhere(Condition condition, @Nullable UUID id) {
    return context.read(
        dsl -> dsl.selectFrom(USERS).where(condition).fetchOptional().map(UserDao::toUser), id);
  }

  private <T> User update(UUID userId, Field<T> field, T value) {
    Instant now = context.now();
    return context.write(
        dsl ->
            dsl.update(USERS)
                .set(field, value)
                .set(USERS.UPDATED_AT, now)
                .where(USERS.ID.eq(userId))
                .returning()
                .fetchOptional()
                .map(UserDao::toUser)
                .orElseThrow(() -> new NotFoundException("user", userId)),
        userId);
  }

  private static User toUser(Record row) {
    return new User(
        row.get(USERS.ID),
        row.get(USERS.USERNAME),
        row.get(USERS.EMAIL),
        row.get(USERS.PASSWORD_HASH),
        ZoneId.of(row.get(USERS.TIME_ZONE)),
        row.get(USERS.IS_ACTIVE),
        row.get(USERS.CREATED_AT),
        row.get(USERS.UPDATED_AT));
  }
}
