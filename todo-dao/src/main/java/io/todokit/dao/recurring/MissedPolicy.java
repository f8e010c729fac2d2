package io.todokit.dao.recurring;

/** What a worker does with the occurrences of a template that passed while no worker ran. */
public enum MissedPolicy {
  /** Create only the latest passed occurrence and skip the earlier ones (the default). */
  LATEST,
  /** Create every passed occurrence (a bounded number per call; later calls continue). */
  ALL
}
