package io.todokit.dao.internal;

import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.TaskStatus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jooq.EnumType;
import org.jooq.impl.AbstractConverter;
import org.jspecify.annotations.Nullable;

/**
 * The converters of the generated enum columns (forced types, see todo-dao's pom and todo-codegen):
 * a PostgreSQL enum label is the lower-case name of todo-dao's constant, so the generated fields
 * carry {@link Priority}, {@link TaskStatus} and {@link MessageRole} themselves.
 */
public final class EnumConverters {

  private EnumConverters() {}

  /**
   * Maps a generated PostgreSQL enum to a todo-dao enum by name, both ways.
   *
   * @param <T> the generated enum
   * @param <U> todo-dao's enum
   */
  public abstract static class ByName<T extends Enum<T> & EnumType, U extends Enum<U>>
      extends AbstractConverter<T, U> {

    private static final long serialVersionUID = 1L;

    private final EnumMap<T, U> fromDatabase;
    private final EnumMap<U, T> toDatabase;

    /**
     * Pairs the constants by name.
     *
     * @param databaseType the generated enum
     * @param userType todo-dao's enum
     * @throws IllegalStateException when the two do not have the same constants
     */
    protected ByName(Class<T> databaseType, Class<U> userType) {
      super(databaseType, userType);
      fromDatabase = new EnumMap<>(databaseType);
      toDatabase = new EnumMap<>(userType);
      Map<String, U> byName = new HashMap<>();
      for (U constant : userType.getEnumConstants()) {
        byName.put(constant.name(), constant);
      }
      for (T label : databaseType.getEnumConstants()) {
        U constant = byName.get(label.getLiteral().toUpperCase(Locale.ROOT));
        if (constant == null) {
          throw new IllegalStateException(
              userType.getName() + " has no constant for the label " + label.getLiteral());
        }
        fromDatabase.put(label, constant);
        toDatabase.put(constant, label);
      }
      if (toDatabase.size() != byName.size()) {
        throw new IllegalStateException(
            "the database type of " + userType.getName() + " lacks some of its constants");
      }
    }

    @Override
    public final @Nullable U from(@Nullable T databaseObject) {
      return databaseObject == null ? null : fromDatabase.get(databaseObject);
    }

    @Override
    public final @Nullable T to(@Nullable U userObject) {
      return userObject == null ? null : toDatabase.get(userObject);
    }
  }

  /**
   * Maps a text column that holds lower-case constant names (a CHECK constraint keeps it to those)
   * to a todo-dao enum, both ways.
   *
   * @param <U> todo-dao's enum
   */
  public abstract static class ByLowerCaseName<U extends Enum<U>>
      extends AbstractConverter<String, U> {

    private static final long serialVersionUID = 1L;

    private final Map<String, U> fromDatabase = new HashMap<>();

    /**
     * Names the constants.
     *
     * @param userType todo-dao's enum
     */
    protected ByLowerCaseName(Class<U> userType) {
      super(String.class, userType);
      for (U constant : userType.getEnumConstants()) {
        fromDatabase.put(constant.name().toLowerCase(Locale.ROOT), constant);
      }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException for a value that names no constant
     */
    @Override
    public final @Nullable U from(@Nullable String databaseObject) {
      if (databaseObject == null) {
        return null;
      }
      U constant = fromDatabase.get(databaseObject);
      if (constant == null) {
        throw new IllegalStateException(
            "unknown " + toType().getSimpleName() + " in the database: " + databaseObject);
      }
      return constant;
    }

    @Override
    public final @Nullable String to(@Nullable U userObject) {
      return userObject == null ? null : userObject.name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code task_priority} as {@link Priority}. */
  public static final class Priorities
      extends ByName<io.todokit.schema.jooq.enums.TaskPriority, Priority> {
    private static final long serialVersionUID = 1L;

    /** The converter. */
    public Priorities() {
      super(io.todokit.schema.jooq.enums.TaskPriority.class, Priority.class);
    }
  }

  /** {@code task_status} as {@link TaskStatus}. */
  public static final class TaskStatuses
      extends ByName<io.todokit.schema.jooq.enums.TaskStatus, TaskStatus> {
    private static final long serialVersionUID = 1L;

    /** The converter. */
    public TaskStatuses() {
      super(io.todokit.schema.jooq.enums.TaskStatus.class, TaskStatus.class);
    }
  }

  /** {@code message_role} as {@link MessageRole}. */
  public static final class MessageRoles
      extends ByName<io.todokit.schema.jooq.enums.MessageRole, MessageRole> {
    private static final long serialVersionUID = 1L;

    /** The converter. */
    public MessageRoles() {
      super(io.todokit.schema.jooq.enums.MessageRole.class, MessageRole.class);
    }
  }

  /** {@code recurring_tasks.missed_policy} as {@link MissedPolicy}. */
  public static final class MissedPolicies extends ByLowerCaseName<MissedPolicy> {
    private static final long serialVersionUID = 1L;

    /** The converter. */
    public MissedPolicies() {
      super(MissedPolicy.class);
    }
  }
}
