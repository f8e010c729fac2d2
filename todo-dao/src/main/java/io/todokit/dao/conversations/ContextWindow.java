package io.todokit.dao.conversations;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ConversationDao#window} may return: at most so many messages, optionally within a
 * token budget, and whether system messages are pinned. Build one with {@link #of(int)} and the
 * {@code with…} withers; validated when built, immutable and thread-safe.
 *
 * @param maxMessages the most messages the window holds, 1 to 1,000, pinned ones included
 * @param tokenBudget the most tokens the window's messages may cost together (1 to 100,000,000), or
 *     null for no token budget
 * @param tokenEstimator what a message costs in tokens; {@link TokenEstimator#CHARS_DIV_4} unless
 *     set
 * @param pinSystemMessages whether every system message is kept first, wherever it is in the
 *     history (default); when false, system messages are cut like the others
 */
public record ContextWindow(
    int maxMessages,
    @Nullable Integer tokenBudget,
    TokenEstimator tokenEstimator,
    boolean pinSystemMessages) {

  /** The most messages a window may hold. */
  public static final int MAX_MESSAGES = 1_000;

  /** The largest token budget. */
  public static final int MAX_TOKEN_BUDGET = 100_000_000;

  /**
   * Checks the fields.
   *
   * @throws ValidationException naming {@code max_messages}, {@code token_budget} or {@code
   *     token_estimator}
   */
  public ContextWindow {
    if (maxMessages < 1 || maxMessages > MAX_MESSAGES) {
      throw new ValidationException(
          "max_messages", "must be between 1 and " + MAX_MESSAGES + ", was " + maxMessages);
    }
    if (tokenBudget != null && (tokenBudget < 1 || tokenBudget > MAX_TOKEN_BUDGET)) {
      throw new ValidationException(
          "token_budget", "must be between 1 and " + MAX_TOKEN_BUDGET + ", was " + tokenBudget);
    }
    Check.required("token_estimator", tokenEstimator);
  }

  /**
   * At most {@code maxMessages} messages, no token budget, system messages pinned.
   *
   * @param maxMessages 1 to 1,000
   * @return the spec
   * @throws ValidationException ({@code max_messages}) out of range
   */
  public static ContextWindow of(int maxMessages) {
    return new ContextWindow(maxMessages, null, TokenEstimator.CHARS_DIV_4, true);
  }

  /**
   * This spec with a token budget.
   *
   * @param tokenBudget 1 to 100,000,000, or null for none
   * @return the new spec
   * @throws ValidationException ({@code token_budget}) out of range
   */
  public ContextWindow withTokenBudget(@Nullable Integer tokenBudget) {
    return new ContextWindow(maxMessages, tokenBudget, tokenEstimator, pinSystemMessages);
  }

  /**
   * This spec with another token estimator.
   *
   * @param tokenEstimator the estimator
   * @return the new spec
   * @throws ValidationException ({@code token_estimator}) for null
   */
  public ContextWindow withTokenEstimator(TokenEstimator tokenEstimator) {
    return new ContextWindow(maxMessages, tokenBudget, tokenEstimator, pinSystemMessages);
  }

  /**
   * This spec with system messages pinned or not.
   *
   * @param pinSystemMessages whether to keep every system message first
   * @return the new spec
   */
  public ContextWindow withPinnedSystemMessages(boolean pinSystemMessages) {
    return new ContextWindow(maxMessages, tokenBudget, tokenEstimator, pinSystemMessages);
  }

  /** The token budget, if any. */
  OptionalInt budget() {
    return tokenBudget == null ? OptionalInt.empty() : OptionalInt.of(tokenBudget);
  }
}
