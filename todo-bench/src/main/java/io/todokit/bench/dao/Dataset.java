package io.todokit.bench.dao;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic benchmark dataset: every row is a pure function of (seed, scale, index), so
 * that the loader can stream it and the benchmarks can pick users, tags, tasks and conversations
 * without asking the database. Ids are UUIDv7-like: the timestamp bits grow with the row's index,
 * so each table's primary key is loaded in ascending order (right-edge inserts into the B-tree).
 *
 * <p>Shape (per user): 100 tasks ({@link Scale#FULL}), 10 tags, 0–3 tags per task, ~10% of tasks
 * recurring, due dates spread over −60…+60 days around {@link #NOW}, ~30% with reminders, ~25%
 * completed, 5 recurring templates, 2 conversations of 50 messages. Immutable and thread-safe.
 */
public final class Dataset {

  /** The fixed "now" of the dataset and of every benchmark call. */
  public static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  /** The default seed. */
  public static final long SEED = 20260302L;

  /** A dozen IANA zones, on both sides of the date line and with and without DST. */
  static final String[] ZONES = {
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Australia/Sydney",
    "Pacific/Auckland"
  };

  static final String[] TAG_NAMES = {
    "work",
    "home",
    "errands",
    "health",
    "finance",
    "family",
    "shopping",
    "reading",
    "travel",
    "someday"
  };

  private static final String[] COLORS = {
    "#007bff", "#28a745", "#dc3545", "#ffc107", "#17a2b8", "#6f42c1", "#fd7e14", "#20c997",
    "#e83e8c", "#6c757d"
  };

  private static final String[] WORDS = {
    "pay",
    "rent",
    "call",
    "mom",
    "buy",
    "milk",
    "book",
    "dentist",
    "review",
    "report",
    "send",
    "invoice",
    "fix",
    "bike",
    "water",
    "plants",
    "plan",
    "trip",
    "renew",
    "passport",
    "clean",
    "garage",
    "prepare",
    "slides",
    "email",
    "landlord",
    "order",
    "printer",
    "ink",
    "walk",
    "dog"
  };

  /** Recurrence rules in the stored JSON shape; templates use only the fixed ones. */
  static final String[] TASK_RULES = {
    "{\"frequency\":\"daily\",\"interval\":1,\"days\":[],\"mode\":\"fixed\"}",
    "{\"frequency\":\"weekly\",\"interval\":1,\"days\":[\"monday\"],\"mode\":\"fixed\"}",
    "{\"frequency\":\"weekly\",\"interval\":1,\"days\":[\"monday\",\"wednesday\",\"friday\"],"
        + "\"mode\":\"fixed\"}",
    "{\"frequency\":\"weekly\",\"interval\":2,\"days\":[\"saturday\"],\"mode\":\"fixed\"}",
    "{\"frequency\":\"monthly\",\"interval\":1,\"days\":[],\"month_day\":15,\"mode\":\"fixed\"}",
    "{\"frequency\":\"daily\",\"interval\":3,\"days\":[],\"mode\":\"after_completion\"}"
  };

  private static final long DAY = 86_400;

  /** How big the dataset is. */
  public enum Scale {
    /** 10,000 users × 100 tasks = 1,000,000 tasks; 50,000 templates; 20,000 conversations. */
    FULL(10_000, 100),
    /** 50 users × 20 tasks = 1,000 tasks: for CI and development. */
    SMOKE(50, 20);

    private final int users;
    private final int tasksPerUser;

    Scale(int users, int tasksPerUser) {
      this.users = users;
      this.tasksPerUser = tasksPerUser;
    }

    /** The scale named {@code full} or {@code smoke}. */
    public static Scale of(String name) {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
  }

  private final Scale scale;
  private final long seed;

  /**
   * A dataset.
   *
   * @param scale its size
   * @param seed the seed every value derives from
   */
  public Dataset(Scale scale, long seed) {
    this.scale = Objects.requireNonNull(scale, "scale");
    this.seed = seed;
  }

  /** The scale. */
  public Scale scale() {
    return scale;
  }

  /** Users. */
  public int users() {
    return scale.users;
  }

  /** Tasks per user. */
  public int tasksPerUser() {
    return scale.tasksPerUser;
  }

  /** Tags per user. */
  public int tagsPerUser() {
    return 10;
  }

  /** Recurring templates per user (50,000 at full scale). */
  public int templatesPerUser() {
    return 5;
  }

  /** Conversations per user (20,000 at full scale). */
  public int conversationsPerUser() {
    return 2;
  }

  /** Messages per conversation. */
  public int messagesPerConversation() {
    return 50;
  }

  /** Tasks in all. */
  public long tasks() {
    return (long) users() * tasksPerUser();
  }

  // ---------------------------------------------------------------------------------- ids

  private static final int USER = 1;
  private static final int TAG = 2;
  private static final int TASK = 3;
  private static final int TEMPLATE = 4;
  private static final int CONVERSATION = 5;
  private static final int MESSAGE = 6;

  /** 2025-01-01T00:00:00Z: the timestamp bits of the first id of every table. */
  private static final long ID_EPOCH_MILLIS = 1_735_689_600_000L;

  private UUID id(int kind, long index) {
    long random = mix(seed ^ ((long) kind << 56) ^ index);
    long millis = (ID_EPOCH_MILLIS + index) & 0xFFFF_FFFF_FFFFL;
    long msb = (millis << 16) | 0x7000L | (random & 0x0FFFL);
    long lsb = (mix(random) & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  /** The id of user {@code u}. */
  public UUID userId(int u) {
    return id(USER, u);
  }

  /** The id of tag {@code k} of user {@code u}. */
  public UUID tagId(int u, int k) {
    return id(TAG, (long) u * tagsPerUser() + k);
  }

  /** The id of task {@code t} of user {@code u}. */
  public UUID taskId(int u, int t) {
    return id(TASK, (long) u * tasksPerUser() + t);
  }

  /** The id of template {@code k} of user {@code u}. */
  public UUID templateId(int u, int k) {
    return id(TEMPLATE, (long) u * templatesPerUser() + k);
  }

  /** The id of conversation {@code k} of user {@code u}. */
  public UUID conversationId(int u, int k) {
    return id(CONVERSATION, (long) u * conversationsPerUser() + k);
  }

  UUID messageId(int u, int k, int seq) {
    return id(MESSAGE, ((long) u * conversationsPerUser() + k) * messagesPerConversation() + seq);
  }

  /** The time zone of user {@code u}. */
  public String zone(int u) {
    return ZONES[u % ZONES.length];
  }

  // ------------------------------------------------------------------------------- tasks

  /** The generated values of one task. */
  public record TaskRow(
      UUID id,
      String title,
      @Nullable String description,
      String status,
      String priority,
      @Nullable Instant dueAt,
      @Nullable Instant remindAt,
      @Nullable Instant remindedAt,
      @Nullable Instant completedAt,
      @Nullable String recurrenceRule,
      long version,
      Instant createdAt,
      Instant updatedAt,
      int[] tags) {

    /** True when open and recurring: a task {@code complete} makes a next task of. */
    public boolean openRecurring() {
      return recurrenceRule != null && completedAt == null;
    }
  }

  /** Task {@code t} of user {@code u}. */
  public TaskRow task(int u, int t) {
    long index = (long) u * tasksPerUser() + t;
    SplittableRandom r = new SplittableRandom(mix(seed ^ 0x5A5A_0000_0000_0000L ^ index));
    Instant dueAt = r.nextInt(100) < 88 ? NOW.plusSeconds(r.nextLong(-60 * DAY, 60 * DAY)) : null;
    Instant createdAt = NOW.minusSeconds(r.nextLong(DAY, 120 * DAY));
    boolean completed = r.nextInt(100) < 25;
    String status = completed ? "completed" : r.nextInt(100) < 12 ? "in_progress" : "pending";
    int p = r.nextInt(100);
    String priority = p < 25 ? "low" : p < 65 ? "medium" : p < 90 ? "high" : "urgent";
    String rule = null;
    if (dueAt != null && r.nextInt(100) < 11) {
      rule = TASK_RULES[r.nextInt(TASK_RULES.length)];
    }
    Instant remindAt = null;
    Instant remindedAt = null;
    if (dueAt != null && r.nextInt(100) < 34) {
      remindAt = dueAt.minusSeconds(r.nextBoolean() ? 900 : 3_600);
      // Reminders older than a day were sent; the last day's are the workers' backlog.
      if (remindAt.isBefore(NOW.minusSeconds(DAY))) {
        remindedAt = remindAt.plusSeconds(30);
      }
    }
    Instant completedAt =
        completed
            ? createdAt.plusSeconds(r.nextLong(Duration.between(createdAt, NOW).getSeconds()))
            : null;
    StringBuilder title = new StringBuilder();
    int words = 2 + r.nextInt(4);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        title.append(' ');
      }
      title.append(WORDS[r.nextInt(WORDS.length)]);
    }
    String description =
        r.nextInt(100) < 30
            ? "Remember to "
                + WORDS[r.nextInt(WORDS.length)]
                + " the "
                + WORDS[r.nextInt(WORDS.length)]
                + " before the "
                + WORDS[r.nextInt(WORDS.length)]
                + " (note "
                + index
                + ")."
            : null;
    int tagCount = r.nextInt(4);
    int[] tags = new int[tagCount];
    int first = r.nextInt(tagsPerUser());
    int step = 1 + r.nextInt(3);
    for (int i = 0; i < tagCount; i++) {
      tags[i] = (first + i * step) % tagsPerUser();
    }
    return new TaskRow(
        taskId(u, t),
        title.toString(),
        description,
        status,
        priority,
        dueAt,
        remindAt,
        remindedAt,
        completedAt,
        rule,
        completed ? 1 : 0,
        createdAt,
        completedAt != null ? completedAt : createdAt,
        tags);
  }

  /** The first open recurring task of user {@code u} at or after task {@code from}, or -1. */
  public int openRecurringTask(int u, int from) {
    for (int i = 0; i < tasksPerUser(); i++) {
      int t = (from + i) % tasksPerUser();
      if (task(u, t).openRecurring()) {
        return t;
      }
    }
    return -1;
  }

  // --------------------------------------------------------------------------- templates

  /** The generated values of one recurring template. */
  public record TemplateRow(
      UUID id,
      String title,
      String priority,
      String recurrenceRule,
      String timeZone,
      Instant startsAt,
      Instant nextDueAt,
      String missedPolicy,
      Instant createdAt) {}

  /** Template {@code k} of user {@code u}. */
  public TemplateRow template(int u, int k) {
    long index = (long) u * templatesPerUser() + k;
    SplittableRandom r = new SplittableRandom(mix(seed ^ 0x3C3C_0000_0000_0000L ^ index));
    ZoneId zone = ZoneId.of(zone(u));
    LocalTime at = LocalTime.of(7 + r.nextInt(12), r.nextBoolean() ? 0 : 30);
    ZonedDateTime start = LocalDate.of(2025, 8, 1).plusDays(r.nextInt(28)).atTime(at).atZone(zone);
    boolean weekly = r.nextInt(100) < 40;
    String rule =
        weekly
            ? "{\"frequency\":\"weekly\",\"interval\":1,\"days\":[\""
                + start.getDayOfWeek().name().toLowerCase(Locale.ROOT)
                + "\"],\"mode\":\"fixed\"}"
            : "{\"frequency\":\"daily\",\"interval\":1,\"days\":[],\"mode\":\"fixed\"}";
    // next_due_at: the first occurrence at or after now + [-3, +27) days, so ~10% are due.
    Instant target = NOW.plusSeconds(r.nextLong(-3 * DAY, 27 * DAY));
    LocalDate date = target.atZone(zone).toLocalDate();
    if (weekly) {
      DayOfWeek day = start.getDayOfWeek();
      while (date.getDayOfWeek() != day) {
        date = date.minusDays(1);
      }
    }
    ZonedDateTime next = date.atTime(at).atZone(zone);
    while (next.toInstant().isBefore(target)) {
      next = next.toLocalDate().plusDays(weekly ? 7 : 1).atTime(at).atZone(zone);
    }
    int p = r.nextInt(100);
    return new TemplateRow(
        templateId(u, k),
        (weekly ? "Weekly " : "Daily ") + WORDS[r.nextInt(WORDS.length)] + " #" + k,
        p < 30 ? "low" : p < 80 ? "medium" : "high",
        rule,
        zone.getId(),
        start.toInstant(),
        next.toInstant(),
        r.nextInt(100) < 90 ? "latest" : "all",
        start.toInstant().minusSeconds(DAY));
  }

  // ------------------------------------------------------------------------ conversations

  /** When conversation {@code k} of user {@code u} started. */
  public Instant conversationStart(int u, int k) {
    long index = (long) u * conversationsPerUser() + k;
    return NOW.minusSeconds(
        2 * DAY + Math.floorMod(mix(seed ^ 0x7E7E_0000_0000_0000L ^ index), 28 * DAY));
  }

  /** When message {@code seq} (1-based) of a conversation was appended. */
  public Instant messageAt(int u, int k, int seq) {
    return conversationStart(u, k).plusSeconds(seq * 90L);
  }

  /**
   * The role of message {@code seq}: user, assistant, with a tool call and its answer in between.
   */
  static String role(int seq) {
    return switch (seq % 10) {
      case 4 -> "assistant"; // with tool_calls
      case 5 -> "tool";
      default -> seq % 2 == 1 ? "user" : "assistant";
    };
  }

  String messageContent(int u, int k, int seq) {
    SplittableRandom r =
        new SplittableRandom(
            mix(seed ^ 0x1E1E_0000_0000_0000L ^ (((long) u << 20) | ((long) k << 8) | seq)));
    String role = role(seq);
    int words =
        switch (role) {
          case "user" -> 8 + r.nextInt(20);
          case "tool" -> 6 + r.nextInt(10);
          default -> seq % 10 == 4 ? 0 : 25 + r.nextInt(50);
        };
    StringBuilder text = new StringBuilder(words * 7);
    if (role.equals("tool")) {
      text.append("Found ").append(1 + r.nextInt(9)).append(" tasks: ");
    }
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(WORDS[r.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  static String toolCallId(int u, int k, int seq) {
    return "call_" + u + "_" + k + "_" + seq;
  }

  // ------------------------------------------------------------------------------- mixing

  /** SplitMix64's finaliser: a cheap, well-distributed hash of a long. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
