package io.todokit.examples.quickstart.docs;

import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.users.NewUser;
import io.todokit.dao.users.User;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Users: create one in a time zone, find by email in any case, change the zone. */
public final class Demo06Users {

  private Demo06Users() {}

  /**
   * What {@link #run} saw.
   *
   * @param created the user as created
   * @param found the user found by email
   * @param moved the user after the move to Tokyo
   * @param refusedField the field of the refused time zone
   */
  public record Result(
      User created, Optional<User> found, User moved, @Nullable String refusedField) {}

  /**
   * Runs the sample.
   *
   * @param db the database
   * @param username a username not taken yet, such as {@code bob}
   * @return what the calls returned
   */
  public static Result run(TodoDb db, String username) {
    // tag::users[]
    // todokit stores the hash your service computed (e.g. with bcrypt); it never hashes.
    String passwordHash = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
    NewUser newUser =
        NewUser.of(username, username + "@Example.org", passwordHash)
            .withTimeZone(ZoneId.of("America/New_York"));
    User user = db.users().create(newUser);
    Optional<User> found = db.users().findByEmail(username + "@EXAMPLE.ORG"); // any case
    User moved = db.users().setTimeZone(user.id(), ZoneId.of("Asia/Tokyo")); // due today follows
    // end::users[]

    String field = null;
    // tag::users-validation[]
    try {
      db.users().setTimeZone(user.id(), ZoneOffset.ofHours(9)); // offsets are refused: no DST
    } catch (ValidationException e) {
      field = e.field(); // "time_zone"; e.reason() says why
    }
    // end::users-validation[]
    return new Result(user, found, moved, field);
  }
}
