package io.todokit.dao;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public surface of one module, read from its compiled classes and its {@code module-info}:
 * every public or protected member (constructor, method, field, record component, superclass,
 * interface) of an accessible class in an exported package, and the types it mentions (type
 * arguments, bounds and thrown types included). A mention is a violation when it names a type that
 * a user of the module cannot or must not use: one in an {@code internal} package, in the generated
 * jOOQ package {@code io.todokit.schema.jooq}, in a package of the module that is not exported, or
 * a todokit type that is not public.
 *
 * <p>Test code; todo-dao and todo-recurrence each hold a copy (they share no test jar).
 */
final class ApiSurface {

  private static final String GENERATED = "io.todokit.schema.jooq";

  private final ModuleDescriptor descriptor;
  private final Set<String> exported;
  private final List<Class<?>> classes;

  private ApiSurface(ModuleDescriptor descriptor, List<Class<?>> classes) {
    this.descriptor = descriptor;
    this.exported =
        descriptor.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toUnmodifiableSet());
    this.classes = classes;
  }

  /** The module whose classes (directory or jar) hold {@code anyMainClass}. */
  static ApiSurface ofModuleOf(Class<?> anyMainClass) {
    try {
      Path location =
          Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        return read(location, anyMainClass.getClassLoader());
      }
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        return read(jar.getPath("/"), anyMainClass.getClassLoader());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same module's rules applied to other classes (to show that the check catches a leak). */
  ApiSurface withClasses(List<Class<?>> others) {
    return new ApiSurface(descriptor, others);
  }

  String moduleName() {
    return descriptor.name();
  }

  Set<String> exportedPackages() {
    return exported;
  }

  /** The API classes checked: the accessible classes of the exported packages. */
  List<Class<?>> apiClasses() {
    return classes.stream()
        .filter(c -> exported.contains(c.getPackageName()))
        .filter(ApiSurface::accessible)
        .toList();
  }

  /** Each violation as {@code "<member> mentions <type>"}, sorted. */
  Set<String> violations() {
    Set<String> found = new TreeSet<>();
    for (Class<?> type : apiClasses()) {
      String where = "class " + type.getName();
      check(found, where + " extends", type.getGenericSuperclass());
      for (Type implemented : type.getGenericInterfaces()) {
        check(found, where + " implements", implemented);
      }
      for (TypeVariable<?> variable : type.getTypeParameters()) {
        check(found, where, variable);
      }
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          check(
              found,
              "record component " + type.getName() + "." + component.getName(),
              component.getGenericType());
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        checkExecutable(found, constructor);
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isBridge()) {
          checkExecutable(found, method);
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field)) {
          check(found, field.toString(), field.getGenericType());
        }
      }
    }
    return found;
  }

  private void checkExecutable(Set<String> found, Executable executable) {
    if (!visible(executable)) {
      return;
    }
    String where = executable.toString();
    for (Type parameter : executable.getGenericParameterTypes()) {
      check(found, where, parameter);
    }
    for (Type thrown : executable.getGenericExceptionTypes()) {
      check(found, where, thrown);
    }
    for (TypeVariable<?> variable : executable.getTypeParameters()) {
      check(found, where, variable);
    }
    if (executable instanceof Method method) {
      check(found, where, method.getGenericReturnType());
    }
  }

  private void check(Set<String> found, String where, Type type) {
    if (type == null) {
      return;
    }
    for (Class<?> mentioned : mentioned(type, new HashSet<>())) {
      if (forbidden(mentioned)) {
        found.add(where + " mentions " + mentioned.getName());
      }
    }
  }

  private boolean forbidden(Class<?> mentioned) {
    while (mentioned.isArray()) {
      mentioned = mentioned.getComponentType();
    }
    if (mentioned.isPrimitive()) {
      return false;
    }
    String pkg = mentioned.getPackageName();
    boolean ours = pkg.startsWith("io.todokit.");
    return pkg.equals(GENERATED)
        || pkg.startsWith(GENERATED + ".")
        || pkg.contains(".internal")
        || (descriptor.packages().contains(pkg) && !exported.contains(pkg))
        || (ours && !accessible(mentioned));
  }

  private static Set<Class<?>> mentioned(Type type, Set<Type> seen) {
    Set<Class<?>> out = new HashSet<>();
    if (!seen.add(type)) {
      return out;
    }
    switch (type) {
      case Class<?> c -> out.add(c);
      case ParameterizedType p -> {
        out.addAll(mentioned(p.getRawType(), seen));
        for (Type argument : p.getActualTypeArguments()) {
          out.addAll(mentioned(argument, seen));
        }
      }
      case GenericArrayType a -> out.addAll(mentioned(a.getGenericComponentType(), seen));
      case WildcardType w -> {
        for (Type bound : w.getUpperBounds()) {
          out.addAll(mentioned(bound, seen));
        }
        for (Type bound : w.getLowerBounds()) {
          out.addAll(mentioned(bound, seen));
        }
      }
      case TypeVariable<?> v -> {
        for (Type bound : v.getBounds()) {
          out.addAll(mentioned(bound, seen));
        }
      }
      default -> throw new IllegalArgumentException("unknown kind of type: " + type);
    }
    return out;
  }

  /** Public, or protected in a class a user can extend, and not made by the compiler. */
  private static boolean visible(Member member) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic()
        && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers));
  }

  /** A class a user can name: public (or protected, when nested) all the way out. */
  private static boolean accessible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
        return false;
      }
      int modifiers = c.getModifiers();
      boolean open =
          Modifier.isPublic(modifiers)
              || (c.getEnclosingClass() != null && Modifier.isProtected(modifiers));
      if (!open) {
        return false;
      }
    }
    return true;
  }

  private static ApiSurface read(Path root, ClassLoader loader) throws IOException {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (relative.endsWith("module-info.class") || relative.endsWith("package-info.class")) {
          continue;
        }
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        try {
          classes.add(Class.forName(name, false, loader));
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(name, e);
        }
      }
    }
    return new ApiSurface(descriptor, classes);
  }
}
