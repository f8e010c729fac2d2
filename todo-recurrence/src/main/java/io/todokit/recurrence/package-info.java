/**
 * RFC 5545 recurrence rules computed on a time zone's wall clock, and the JSON shape stored in the
 * database.
 *
 * <p>Entry points: {@link io.todokit.recurrence.RecurrenceRule#parse(String)}, {@link
 * io.todokit.recurrence.RecurrenceRule#builder(Frequency)} and {@link
 * io.todokit.recurrence.RecurrenceSpec}. Every parameter and return value is non-null unless its
 * documentation says otherwise; invalid input always raises {@link
 * io.todokit.recurrence.InvalidRecurrenceRuleException}.
 */
package io.todokit.recurrence;
