package io.todokit.codegen;

import io.todokit.testing.PostgresProvisioner;
import io.todokit.testing.PostgresServer;
import io.todokit.testing.ProvisioningSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates a throwaway database on a provisioned PostgreSQL with todo-schema's migrations and
 * generates the jOOQ classes from it.
 *
 * <p>Run by todo-dao's build in the {@code generate-sources} phase with four arguments:
 * todo-schema's migrations directory, the output directory, the target package and the PostgreSQL
 * schema the migrations run in (which the generated classes name). When the migrations and this
 * generator's settings have not changed since the last run, the existing output is kept, so that an
 * incremental build does not start a server.
 */
public final class GenerateSchemaClasses {

  private static final Logger log = LoggerFactory.getLogger(GenerateSchemaClasses.class);

  /** Bump when the generator configuration below changes, so that old output is regenerated. */
  private static final String CONFIGURATION_VERSION = "3";

  private static final String STAMP_FILE = ".todokit-codegen-stamp";

  /** The converters of todo-dao that map a PostgreSQL enum type to todo-dao's Java enum. */
  private static final String CONVERTERS = "io.todokit.dao.internal.EnumConverters.";

  /** todokit's Flyway history table (TodoSchema.HISTORY_TABLE), which is not generated. */
  private static final String HISTORY_TABLE = "todokit_schema_history";

  private GenerateSchemaClasses() {}

  /**
   * Generates the classes.
   *
   * @param args the migrations directory, the output directory and the target package
   * @throws Exception when the database cannot be provisioned, migrated or read
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "usage: GenerateSchemaClasses <migrations-dir> <output-dir> <package> <schema>");
    }
    Path migrations = Path.of(args[0]).toAbsolutePath();
    Path output = Path.of(args[1]).toAbsolutePath();
    String packageName = args[2];
    String schema = args[3];

    String stamp = stamp(migrations, packageName + " " + schema);
    Path stampFile = output.resolve(STAMP_FILE);
    if (Files.isRegularFile(stampFile)
        && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
      log.info("todokit: jOOQ classes are up to date with {}", migrations);
      return;
    }

    long started = System.nanoTime();
    String database = "todokit_codegen_" + UUID.randomUUID().toString().replace("-", "");
    try (PostgresServer server =
        PostgresProvisioner.start(ProvisioningSettings.fromEnvironment())) {
      server.createDatabase(database, null);
      try {
        Flyway.configure()
            .dataSource(server.jdbcUrl(database), server.username(), server.password())
            .locations("filesystem:" + migrations)
            .schemas(schema)
            .defaultSchema(schema)
            .table(HISTORY_TABLE)
            .loggers("slf4j")
            .load()
            .migrate();
        GenerationTool.generate(configuration(server, database, output, packageName, schema));
      } finally {
        server.dropDatabase(database);
      }
    }
    Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
    log.info(
        "todokit: generated jOOQ classes in {} ms into {}",
        (System.nanoTime() - started) / 1_000_000,
        output);
  }

  private static Configuration configuration(
      PostgresServer server, String database, Path output, String packageName, String schema) {
    return new Configuration()
        .withJdbc(
            new Jdbc()
                .withDriver("org.postgresql.Driver")
                .withUrl(server.jdbcUrl(database))
                .withUser(server.username())
                .withPassword(server.password()))
        .withGenerator(
            new Generator()
                .withDatabase(
                    new Database()
                        .withName("org.jooq.meta.postgres.PostgresDatabase")
                        // Classes name the schema, which TodoDb maps to the configured one.
                        .withInputSchema(schema)
                        .withOutputSchemaToDefault(false)
                        // Flyway's bookkeeping is not part of the data model.
                        .withExcludes(HISTORY_TABLE)
                        // The trigger and check functions are the database's business.
                        .withIncludeRoutines(false)
                        // The PostgreSQL enums are todo-dao's enums in the generated fields,
                        // so that rows map without switch tables; the converters live in
                        // todo-dao, whose build this is. Not forced: time_zone (text) and
                        // recurrence_rule (jsonb). A converter that throws fails the whole
                        // fetch, but a zone Java does not know or a malformed rule written by
                        // plain SQL must fail one row only (the task's series ends, the template
                        // is reported unreadable and the others are materialized), so the row
                        // mappers parse those per row.
                        .withForcedTypes(
                            new ForcedType()
                                .withName("INSTANT")
                                .withIncludeTypes(
                                    "(?i:timestamp\\ with\\ time\\ zone|timestamptz)"),
                            enumType(
                                "task_priority", "io.todokit.dao.tasks.Priority", "Priorities"),
                            enumType(
                                "task_status", "io.todokit.dao.tasks.TaskStatus", "TaskStatuses"),
                            enumType(
                                "message_role",
                                "io.todokit.dao.conversations.MessageRole",
                                "MessageRoles"),
                            // A text column with a CHECK constraint on its values.
                            new ForcedType()
                                .withUserType("io.todokit.dao.recurring.MissedPolicy")
                                .withConverter(CONVERTERS + "MissedPolicies")
                                .withIncludeExpression("(.*\\.)?recurring_tasks\\.missed_policy")))
                .withGenerate(
                    new Generate()
                        .withRecords(true)
                        .withPojos(false)
                        .withDaos(false)
                        .withIndexes(true)
                        .withKeys(true)
                        .withJavaTimeTypes(true)
                        .withGeneratedAnnotation(false)
                        .withFluentSetters(false)
                        .withRoutines(false))
                .withTarget(
                    new Target()
                        .withPackageName(packageName)
                        .withDirectory(output.toString())
                        .withClean(true)));
  }

  /** Generates the columns of a PostgreSQL enum type as a todo-dao enum, with its converter. */
  private static ForcedType enumType(String type, String userType, String converter) {
    return new ForcedType()
        .withUserType(userType)
        .withConverter(CONVERTERS + converter)
        .withIncludeTypes("(.*\\.)?" + type);
  }

  /** A digest of every migration file and of this generator's settings. */
  private static String stamp(Path migrations, String packageName) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    digest.update(
        (CONFIGURATION_VERSION + "\n" + packageName + "\n").getBytes(StandardCharsets.UTF_8));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(migrations)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      digest.update(migrations.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      try {
        digest.update(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
