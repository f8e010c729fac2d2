/**
 * todokit's recurrence calculator: RFC 5545 rules on a time zone's wall clock, JDK only.
 *
 * <p>One package, all of it API. JSpecify is {@code static}: its annotations cost nothing at run
 * time (the jar is an optional dependency), and {@code transitive} lets a consumer's compiler see
 * them when it checks nullness.
 */
module io.todokit.recurrence {
  requires static transitive org.jspecify;

  exports io.todokit.recurrence;
}
