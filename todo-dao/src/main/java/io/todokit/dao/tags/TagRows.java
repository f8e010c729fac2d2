package io.todokit.dao.tags;

import static io.todokit.schema.jooq.Tables.TAGS;

import io.todokit.dao.internal.ResultSets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The mapping of {@code tags} rows to {@link Tag}, and their sort key. */
final class TagRows {

  private TagRows() {}

  /** The sort key of every tag list, the expression of the index {@code tags_user_name_key}. */
  static final Field<String> NAME_KEY = DSL.lower(TAGS.NAME);

  static Tag toTag(ResultSet row) throws SQLException {
    return new Tag(
        Objects.requireNonNull(ResultSets.uuid(row, TAGS.ID)),
        Objects.requireNonNull(ResultSets.uuid(row, TAGS.USER_ID)),
        Objects.requireNonNull(ResultSets.text(row, TAGS.NAME)),
        Objects.requireNonNull(ResultSets.text(row, TAGS.COLOR)),
        Objects.requireNonNull(ResultSets.instant(row, TAGS.CREATED_AT)),
        Objects.requireNonNull(ResultSets.instant(row, TAGS.UPDATED_AT)));
  }
}
