package io.todokit.dao.recurring;

import java.util.Locale;

/** What a worker does with the occurrences of a template that passed while no worker ran. */
public enum MissedPolicy {
  /** Create only the latest passed occurrence and skip the earlier ones (the default). */
  LATEST,
  /** Create every passed occurrence (a bounded number per call; later calls continue). */
  ALL;

  /** The stored spelling: {@code latest} or {@code all}. */
  String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static MissedPolicy ofDb(String name) {
    return switch (name) {
      case "latest" -> LATEST;
      case "all" -> ALL;
      default -> throw new IllegalStateException("unknown missed_policy in the database: " + name);
    };
  }
}
