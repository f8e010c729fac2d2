/**
 * RFC 5545 recurrence rules computed on a time zone's wall clock, and the JSON shape stored in the
 * database.
 *
 * <p>Entry points: {@link io.todokit.recurrence.RecurrenceRule#parse(String)}, {@link
 * io.todokit.recurrence.RecurrenceRule#builder(Frequency)} and {@link
 * io.todokit.recurrence.RecurrenceSpec}; a rule bound to its start, {@link
 * io.todokit.recurrence.Schedule}, answers every query about its occurrences. The package is {@link
 * org.jspecify.annotations.NullMarked}: every parameter, return value and field is non-null unless
 * annotated {@link org.jspecify.annotations.Nullable}; invalid input always raises {@link
 * io.todokit.recurrence.InvalidRecurrenceRuleException}.
 */
@NullMarked
package io.todokit.recurrence;

import org.jspecify.annotations.NullMarked;
