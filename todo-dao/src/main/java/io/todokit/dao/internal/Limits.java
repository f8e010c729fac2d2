package io.todokit.dao.internal;

/**
 * The size limits the DAOs check, each defined once; the schema's length checks hold the same
 * values. Limits that are API are on the public type instead ({@code PageRequest.MAX_LIMIT}, {@code
 * ClaimRequest.MAX_LIMIT}, {@code RecurringTaskDao.MAX_TEMPLATES_PER_CALL}).
 */
public final class Limits {

  /** The longest title of a task, template or conversation, in characters. */
  public static final int TITLE = 255;

  /** The longest description of a task or template, in characters. */
  public static final int DESCRIPTION = 10_000;

  /** The longest end reason of a template ({@code recurring_tasks_end_reason_length}). */
  public static final int END_REASON = 500;

  /** The most rows one claim or window call returns (reminders claimed, last messages). */
  public static final int CLAIM = 500;

  private Limits() {}
}
