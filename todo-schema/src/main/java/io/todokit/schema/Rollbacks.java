package io.todokit.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link TodoSchema#planRollback} and {@link TodoSchema#rollbackTo}: the down scripts. */
final class Rollbacks {

  private static final String RESOURCE_DIRECTORY =
      TodoSchema.ROLLBACK_LOCATION.substring("classpath:".length()) + "/";

  private Rollbacks() {}

  static RollbackPlan plan(TodoSchema schema, DataSource dataSource, int targetVersion) {
    Objects.requireNonNull(dataSource, "dataSource");
    if (targetVersion != 0) {
      TodoSchema.requireKnownVersion(targetVersion);
    }
    SchemaInfo info = schema.info(dataSource);
    if (info.applied().stream().anyMatch(applied -> !applied.success())) {
      throw new SchemaException(
          "the migration history records a failed migration; repair it before rolling back");
    }
    if (targetVersion > info.currentVersion()) {
      throw new SchemaException(
          "the database is at version "
              + info.currentVersion()
              + ", older than the target "
              + targetVersion
              + ": use migrate to go forward");
    }
    List<RollbackPlan.Step> steps = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (SchemaInfo.Applied applied : info.applied().reversed()) {
      if (applied.version() <= targetVersion) {
        continue;
      }
      String script = downScriptName(applied.script());
      String sql = readResource(RESOURCE_DIRECTORY + script);
      if (sql == null) {
        missing.add(
            "V"
                + applied.version()
                + " ("
                + RESOURCE_DIRECTORY
                + script
                + (applied.version() > TodoSchema.latestVersion()
                    ? "; a newer release made it and has its down script"
                    : "")
                + ")");
      } else {
        steps.add(new RollbackPlan.Step(applied.version(), script, sql));
      }
    }
    if (!missing.isEmpty()) {
      throw new SchemaException(
          "cannot roll back to version "
              + targetVersion
              + ": no down script for "
              + String.join(", ", missing)
              + "; nothing was changed");
    }
    return new RollbackPlan(info.currentVersion(), targetVersion, steps);
  }

  static SchemaInfo rollBack(TodoSchema schema, DataSource dataSource, int targetVersion) {
    RollbackPlan plan = plan(schema, dataSource, targetVersion);
    for (RollbackPlan.Step step : plan.steps()) {
      TodoSchema.log.info(
          "todokit: rolling back version {} with {}", step.version(), step.script());
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
            PreparedStatement forget =
                connection.prepareStatement(
                    "DELETE FROM "
                        + schema.qualified(TodoSchema.HISTORY_TABLE)
                        + " WHERE version = ?")) {
          // The down scripts name todokit's objects unqualified, as the migrations do: they run
          // with todokit's schema first on the path, for this transaction only.
          try (PreparedStatement path =
              connection.prepareStatement(
                  "SELECT set_config('search_path', quote_ident(?) || ', pg_catalog', true)")) {
            path.setString(1, schema.schemaName());
            path.execute();
          }
          statement.execute(step.sql());
          forget.setString(1, Integer.toString(step.version()));
          forget.executeUpdate();
          connection.commit();
        } catch (SQLException e) {
          connection.rollback();
          throw new SchemaException(
              "down script "
                  + step.script()
                  + " failed and was rolled back; the database is at version "
                  + step.version()
                  + ": "
                  + e.getMessage(),
              e);
        }
      } catch (SQLException e) {
        throw new SchemaException("could not connect to roll back: " + e.getMessage(), e);
      }
    }
    return schema.info(dataSource);
  }

  /** {@code V4__conversations_and_messages.sql} → {@code U4__conversations_and_messages.sql}. */
  private static String downScriptName(String migrationScript) {
    String fileName = migrationScript.substring(migrationScript.lastIndexOf('/') + 1);
    return fileName.startsWith("V") ? "U" + fileName.substring(1) : "U" + fileName;
  }

  private static @Nullable String readResource(String name) {
    try (InputStream in = Rollbacks.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
