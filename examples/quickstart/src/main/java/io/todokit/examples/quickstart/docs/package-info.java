/**
 * The README's "Usage" samples, one class per DAO ({@code Demo01Tasks} … {@code
 * Demo07Transactions}, after jOOQ's numbered demos): each region between {@code // tag::name[]} and
 * {@code // end::name[]} is copied verbatim into the README, and each {@code run} method is
 * executed by a test that checks its results, so the documentation cannot go stale.
 */
@NullMarked
package io.todokit.examples.quickstart.docs;

import org.jspecify.annotations.NullMarked;
