package io.todokit.dao.internal;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Whether the database is distributed on {@code user_id} (Citus): there a row-locking statement
 * must stay within one user (one shard), so the cross-user claims lock user by user; on one server
 * they lock a whole batch in one statement, which is several times faster (docs/BENCHMARKS.md).
 * Declared, or detected once from the {@code citus} extension and then kept. Thread-safe: two
 * threads may both detect, with the same answer.
 */
final class Sharding {

  private final @Nullable Boolean declared;
  private volatile @Nullable Boolean detected;

  private Sharding(@Nullable Boolean declared) {
    this.declared = declared;
  }

  /** Detected from the database when first asked. */
  static Sharding detect() {
    return new Sharding(null);
  }

  /** As declared, never asking the database. */
  static Sharding declared(boolean distributed) {
    return new Sharding(distributed);
  }

  boolean distributed(DSLContext dsl) {
    if (declared != null) {
      return declared;
    }
    Boolean known = detected;
    if (known == null) {
      // Citus's extension lives in the coordinator's database; a plain server has none.
      known =
          dsl.fetchExists(
              DSL.selectOne()
                  .from(DSL.table(DSL.name("pg_catalog", "pg_extension")))
                  .where(DSL.field(DSL.name("extname")).eq(DSL.inline("citus"))));
      detected = known;
    }
    return known;
  }
}
