package io.todokit.dao.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How {@code TodoDb} makes the DAOs, whose constructors are private (the JDK's {@code
 * SharedSecrets} idea): each DAO registers its constructor from its static initializer, and {@link
 * #create} first initializes the DAO class so that the registration has happened. Thread-safe.
 */
public final class DaoAccess {

  private static final Map<Class<?>, Function<DaoContext, ?>> FACTORIES = new ConcurrentHashMap<>();

  private DaoAccess() {}

  /**
   * Registers the constructor of a DAO; called once, from the DAO's static initializer.
   *
   * @param type the DAO class
   * @param factory its constructor
   * @param <D> the DAO type
   * @throws IllegalStateException when {@code type} already has a registered constructor
   */
  public static <D> void register(Class<D> type, Function<DaoContext, D> factory) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(factory, "factory");
    if (FACTORIES.putIfAbsent(type, factory) != null) {
      throw new IllegalStateException(type.getName() + " is already registered");
    }
  }

  /**
   * A new DAO on a context.
   *
   * @param type the DAO class
   * @param context the context
   * @param <D> the DAO type
   * @return the DAO
   * @throws IllegalStateException when the class registers no constructor
   */
  public static <D> D create(Class<D> type, DaoContext context) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(context, "context");
    Function<DaoContext, ?> factory = FACTORIES.get(type);
    if (factory == null) {
      initialize(type);
      factory = FACTORIES.get(type);
      if (factory == null) {
        throw new IllegalStateException(type.getName() + " registers no constructor");
      }
    }
    return type.cast(factory.apply(context));
  }

  /** Runs the class's static initializer, if it has not run yet. */
  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(type.getName() + " cannot be initialized", e);
    }
  }
}
