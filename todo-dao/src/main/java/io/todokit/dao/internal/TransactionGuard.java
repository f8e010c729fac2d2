package io.todokit.dao.internal;

import org.jspecify.annotations.Nullable;

/**
 * Knows whether the current thread is inside a {@code TodoDb.transaction} of one TodoDb, so that a
 * call made on the outer TodoDb instead of the transaction's fails at once: it would commit outside
 * the transaction, or wait for a second pooled connection that a small pool may never free.
 * Thread-safe.
 */
final class TransactionGuard {

  /** How many transactions of this TodoDb the thread has open; null when none. */
  private final ThreadLocal<int @Nullable []> depth = new ThreadLocal<>();

  void enter() {
    int[] open = depth.get();
    if (open == null) {
      depth.set(new int[] {1});
    } else {
      open[0]++;
    }
  }

  void exit() {
    int[] open = depth.get();
    if (open != null && --open[0] == 0) {
      depth.remove();
    }
  }

  /**
   * Fails when this thread has a transaction of this TodoDb open.
   *
   * @throws IllegalStateException then
   */
  void requireNoOpenTransaction() {
    if (depth.get() != null) {
      throw new IllegalStateException(
          "a TodoDb call was made on the TodoDb itself while its transaction is open on this"
              + " thread: inside db.transaction(tx -> ...) call tx.tasks(), tx.tags(), ... instead;"
              + " a call on db would run outside the transaction");
    }
  }
}
