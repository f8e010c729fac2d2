package io.todokit.dao.internal;

import io.todokit.dao.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the keyset cursors every paged call hands out: URL-safe Base64 of the sort key and an
 * HMAC-SHA256 tag over the acting user's id, the list the cursor belongs to and the key. A cursor
 * that was altered, forged without the key, made for another list or handed out to another user is
 * refused with {@code ValidationException("cursor")} before any of its values reaches SQL.
 *
 * <p>It is the one codec of the library: each paged list keeps the contents of its cursor in a
 * package-private record that seals and opens its sort key here, with the shared field encodings
 * ({@link #micros}, {@link #instant}, {@link #uuid}, {@link #positive}).
 *
 * <p>With the library's default key a cursor is tamper-evident but not unforgeable (the key is in
 * the source); a forged one still only positions a page within the acting user's own rows. A
 * service that wants unforgeable cursors sets its own key. Immutable and thread-safe.
 */
public final class CursorCodec {

  /** The longest cursor accepted; longer input is refused before it is decoded. */
  public static final int MAX_LENGTH = 512;

  private static final String ALGORITHM = "HmacSHA256";
  private static final int TAG_BYTES = 16;
  private static final byte[] DEFAULT_KEY =
      "todokit cursor key: set TodoDb.withCursorKey for unforgeable cursors"
          .getBytes(StandardCharsets.UTF_8);

  private static final CursorCodec DEFAULT = new CursorCodec(DEFAULT_KEY);

  private final SecretKeySpec key;

  private CursorCodec(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** The codec with the library's default key. */
  public static CursorCodec defaultKey() {
    return DEFAULT;
  }

  /**
   * A codec with a service's own key.
   *
   * @param key at least 16 bytes of secret
   * @return the codec
   * @throws IllegalArgumentException when the key is shorter
   */
  public static CursorCodec withKey(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("a cursor key needs at least 16 bytes, was " + key.length);
    }
    return new CursorCodec(key);
  }

  /**
   * Seals a sort key.
   *
   * @param userId the acting user
   * @param list which list the cursor pages, e.g. {@code tasks} or {@code messages:<id>}
   * @param payload the sort key as text, without line breaks
   * @return the opaque cursor
   */
  public String seal(UUID userId, String list, String payload) {
    byte[] tag = tag(userId, list, payload);
    String text = payload + '.' + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Opens a cursor sealed by {@link #seal} for the same user and list.
   *
   * @param userId the acting user
   * @param list the list being paged
   * @param cursor the cursor the client sent back
   * @return the sort key as text
   * @throws ValidationException ({@code cursor}) when the cursor is not one this codec sealed for
   *     that user and list
   */
  public String open(UUID userId, String list, String cursor) {
    String text = decode(cursor);
    int dot = text.lastIndexOf('.');
    if (dot < 0) {
      throw invalid();
    }
    String payload = text.substring(0, dot);
    // Compared as text, so that a tag with other unused trailing bits is refused too.
    String expected =
        Base64.getUrlEncoder().withoutPadding().encodeToString(tag(userId, list, payload));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8),
        text.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
      throw invalid();
    }
    return payload;
  }

  /**
   * Checks only a cursor's shape (its length and encoding), for command types that hold a cursor
   * before the DAO that can open it sees it.
   *
   * @param cursor the cursor
   * @throws ValidationException ({@code cursor}) when it cannot be a cursor at all
   */
  public static void checkShape(String cursor) {
    String text = decode(cursor);
    if (text.lastIndexOf('.') < 0) {
      throw invalid();
    }
  }

  /**
   * The error for a cursor that decodes but whose sort key does not parse or is out of range.
   *
   * @return the exception to throw
   */
  public static ValidationException invalid() {
    return new ValidationException(
        "cursor",
        "is not a cursor this list handed out to this user: pass Page.nextCursor() back unchanged");
  }

  /**
   * An instant as the whole microseconds since the epoch that PostgreSQL keeps, for a sort key.
   *
   * @param instant the instant
   * @return its text
   */
  public static String micros(Instant instant) {
    return Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
  }

  /**
   * An instant of a sort key written by {@link #micros}, within the stored range (years 1 to 9999).
   *
   * @param text the microseconds as text
   * @return the instant
   * @throws ValidationException ({@code cursor}) for anything else: never an out-of-range value for
   *     SQL
   */
  public static Instant instant(String text) {
    try {
      long micros = Long.parseLong(text);
      return Check.instant(
          "cursor",
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
    } catch (NumberFormatException | ValidationException e) {
      throw invalid();
    }
  }

  /**
   * An id of a sort key, in the canonical lower-case form {@link UUID#toString()} writes.
   *
   * @param text the id
   * @return the id
   * @throws ValidationException ({@code cursor}) for anything else
   */
  public static UUID uuid(String text) {
    try {
      UUID id = UUID.fromString(text);
      if (!id.toString().equals(text)) {
        throw invalid();
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /**
   * A positive number of a sort key (a sequence number).
   *
   * @param text the number
   * @return the number, at least 1
   * @throws ValidationException ({@code cursor}) for anything else
   */
  public static long positive(String text) {
    try {
      long value = Long.parseLong(text);
      if (value < 1) {
        throw invalid();
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static String decode(String cursor) {
    if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(cursor)) {
      throw invalid(); // padding, or other unused trailing bits: not as this codec writes it
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
      throw invalid(); // not UTF-8: nothing this codec sealed
    }
    return text;
  }

  private byte[] tag(UUID userId, String list, String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((userId + "|" + list + "|").getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
