package io.todokit.dao;

/**
 * How {@link TodoDb#transactionResult(TransactionOptions, java.util.function.Function)} runs the
 * calls inside it. Immutable and thread-safe.
 *
 * <p>By default ({@link #DEFAULT}) every call inside a transaction runs under a savepoint, so that
 * a call that fails, and whose failure the caller catches, leaves the transaction usable: the
 * failed call has written nothing and the next call works. A savepoint costs two round trips per
 * call ({@code SAVEPOINT} and {@code RELEASE}). {@link #withoutSavepoints()} saves them for
 * transactions that do not go on after a failure (a bulk job): there, a call that fails marks the
 * transaction as failed; every later call in it throws {@link IllegalStateException}, and so does
 * the end of the transaction, which rolls everything back, even when the failure was caught.
 *
 * @param savepoints true for a savepoint per call
 */
public record TransactionOptions(boolean savepoints) {

  /** A savepoint per call: a caught failure leaves the transaction usable. */
  public static final TransactionOptions DEFAULT = new TransactionOptions(true);

  /**
   * No savepoint per call: fewer round trips; a failure inside can only roll the transaction back.
   *
   * @return the options
   */
  public static TransactionOptions withoutSavepoints() {
    return new TransactionOptions(false);
  }
}
