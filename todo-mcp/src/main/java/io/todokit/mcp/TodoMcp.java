package io.todokit.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.todokit.dao.TodoDb;
import io.todokit.dao.TodoException;
import io.todokit.schema.SchemaException;
import io.todokit.schema.TodoSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The runnable MCP server: {@code java -jar todo-mcp.jar --user <uuid>} serves the to-do tools of
 * one user over stdio; {@code --http <port> --tokens <file>} serves them over Streamable HTTP at
 * {@code /mcp}, each request acting for the user of its bearer token. The database comes from
 * {@code TODO_PG_URL}, {@code TODO_PG_USER} and {@code TODO_PG_PASSWORD}, as for todo-cli, and must
 * be migrated. Logs go to stderr; over stdio, stdout carries the protocol alone.
 */
public final class TodoMcp {

  static final String URL_VARIABLE = "TODO_PG_URL";
  static final String USER_VARIABLE = "TODO_PG_USER";
  static final String PASSWORD_VARIABLE = "TODO_PG_PASSWORD";

  static final String USAGE =
      """
      Usage: todo-mcp --user UUID                       serve one user's tools over stdio
             todo-mcp --http PORT --tokens FILE [--host ADDRESS]
                                                       serve Streamable HTTP at /mcp
      Options: --schema SCHEMA (default todokit), --help
      The database: TODO_PG_URL (jdbc:postgresql://host:port/db), TODO_PG_USER, TODO_PG_PASSWORD.
      FILE has lines 'token user-uuid'; a request without a known bearer token gets 401.""";

  private TodoMcp() {}

  /**
   * Runs the server until stdin ends (stdio) or the process is stopped (HTTP).
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintStream protocol = System.out;
    // Whatever prints to System.out by mistake must not corrupt the protocol.
    System.setOut(System.err);
    int code = run(args, System.getenv(), System.in, protocol, System.err);
    System.exit(code);
  }

  /** Serves, and returns the exit code once serving ends (or at once, for a failure). */
  static int run(
      String[] args, Map<String, String> env, InputStream in, OutputStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("todo-mcp: error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (options.help()) {
      err.println(USAGE);
      return 0;
    }
    try (Running running = start(options, env, in, out, err)) {
      running.awaitEnd();
      return 0;
    } catch (Failure e) {
      err.println("todo-mcp: error: " + e.getMessage());
      return e.code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** A server that runs until {@link #awaitEnd()} returns; closing stops it. */
  interface Running extends AutoCloseable {
    /** The HTTP port, or -1 over stdio. */
    int port();

    void awaitEnd() throws InterruptedException;

    @Override
    void close();
  }

  static Running start(
      Options options, Map<String, String> env, InputStream in, OutputStream out, PrintStream err) {
    TodoSchema schema;
    try {
      schema = TodoSchema.in(options.schema());
    } catch (IllegalArgumentException e) {
      throw new Failure(2, "--schema: " + e.getMessage());
    }
    PGSimpleDataSource dataSource = connect(env, err);
    TodoDb db;
    try {
      db = TodoDb.create(dataSource, schema);
    } catch (SchemaException e) {
      throw new Failure(3, String.valueOf(e.getMessage()));
    } catch (TodoException e) {
      throw new Failure(3, "cannot read the schema version: " + e.getMessage());
    }
    if (options.user() != null) {
      return serveStdio(db, options.user(), in, out, err);
    }
    return serveHttp(db, options, err);
  }

  private static Running serveStdio(
      TodoDb db, UUID userId, InputStream in, OutputStream out, PrintStream err) {
    try {
      if (db.users().find(userId).isEmpty()) {
        throw new Failure(2, "--user: there is no user " + userId + " in this database");
      }
    } catch (TodoException e) {
      throw new Failure(2, "cannot look up the user: " + e.getMessage());
    }
    CountDownLatch ended = new CountDownLatch(1);
    InputStream watched =
        new FilterInputStream(in) {
          @Override
          public int read() throws IOException {
            return ended(super.read());
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            return ended(super.read(buffer, offset, length));
          }

          private int ended(int result) {
            if (result < 0) {
              ended.countDown();
            }
            return result;
          }
        };
    TodoTools tools = TodoTools.create(db, UserResolver.fixed(userId));
    McpSyncServer server =
        McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), watched, out))
            .serverInfo("todo-mcp", version())
            .capabilities(ServerCapabilities.builder().tools(false).build())
            // TodoTools checks every argument itself, with reasons naming the field.
            .validateToolInputs(false)
            .tools(tools.specifications())
            .build();
    err.println(
        "todo-mcp: serving " + tools.names().size() + " tools over stdio for user " + userId);
    return new Running() {
      @Override
      public int port() {
        return -1;
      }

      @Override
      public void awaitEnd() throws InterruptedException {
        ended.await();
      }

      @Override
      public void close() {
        server.closeGracefully();
      }
    };
  }

  private static Running serveHttp(TodoDb db, Options options, PrintStream err) {
    BearerAuthenticator authenticator;
    try {
      authenticator = BearerAuthenticator.fromFile(Objects.requireNonNull(options.tokens()));
    } catch (IOException e) {
      throw new Failure(2, "--tokens: cannot read " + options.tokens() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new Failure(2, "--tokens: " + e.getMessage());
    }
    TodoTools tools = TodoTools.create(db, UserResolver.fromTransportContext());
    HttpServletStreamableServerTransportProvider transport = HttpServer.transport();
    McpSyncServer server =
        McpServer.sync(transport)
            .serverInfo("todo-mcp", version())
            .capabilities(ServerCapabilities.builder().tools(false).build())
            // TodoTools checks every argument itself, with reasons naming the field.
            .validateToolInputs(false)
            .tools(tools.specifications())
            .build();
    HttpServer http;
    try {
      http = HttpServer.start(options.host(), options.httpPort(), transport, authenticator);
    } catch (IOException e) {
      server.close();
      throw new Failure(2, "--http: " + e.getMessage());
    }
    err.println(
        "todo-mcp: serving "
            + tools.names().size()
            + " tools over Streamable HTTP at http://"
            + options.host()
            + ":"
            + http.port()
            + HttpServer.ENDPOINT);
    CountDownLatch stopped = new CountDownLatch(1);
    return new Running() {
      @Override
      public int port() {
        return http.port();
      }

      @Override
      public void awaitEnd() throws InterruptedException {
        Thread hook = new Thread(stopped::countDown, "todo-mcp-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
      }

      @Override
      public void close() {
        stopped.countDown();
        server.closeGracefully();
        http.close();
      }
    };
  }

  /** Connects once, to fail early with a message that never holds the password. */
  private static PGSimpleDataSource connect(Map<String, String> env, PrintStream err) {
    String url = env.get(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      throw new Failure(
          2,
          "no database given: set "
              + URL_VARIABLE
              + " to jdbc:postgresql://host:port/database (and "
              + USER_VARIABLE
              + ", "
              + PASSWORD_VARIABLE
              + ")");
    }
    url = url.strip();
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new Failure(2, URL_VARIABLE + " is not a jdbc:postgresql: URL: '" + redact(url) + "'");
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    try {
      dataSource.setURL(url);
    } catch (IllegalArgumentException e) {
      throw new Failure(2, "the JDBC driver does not accept the URL " + redact(url));
    }
    if (!url.contains("ApplicationName=")) {
      dataSource.setApplicationName("todo-mcp");
    }
    String user = env.get(USER_VARIABLE);
    if (user != null && !user.isEmpty()) {
      dataSource.setUser(user);
    }
    String password = env.get(PASSWORD_VARIABLE);
    if (password != null && !password.isEmpty()) {
      dataSource.setPassword(password);
    }
    try (Connection connection = dataSource.getConnection()) {
      err.println(
          "todo-mcp: database "
              + redact(url)
              + " as "
              + connection.getMetaData().getUserName()
              + " (PostgreSQL "
              + connection.getMetaData().getDatabaseProductVersion()
              + ")");
    } catch (SQLException e) {
      String message = String.valueOf(e.getMessage());
      if (password != null && !password.isEmpty()) {
        message = message.replace(password, "***");
      }
      throw new Failure(
          2,
          "cannot connect to "
              + redact(url)
              + (user == null ? "" : " as " + user)
              + ": "
              + redact(message));
    }
    return dataSource;
  }

  /** Hides what looks like a password in a URL about to be printed (as todo-cli does). */
  static String redact(String text) {
    return text.replaceAll("(?i)(password=)[^&\\s'\"]*", "$1***")
        .replaceAll("(://[^:/@\\s'\"]*:)[^\\s'\"]*@", "$1***@");
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = TodoMcp.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // unknown
    }
    return properties.getProperty("version", "unknown");
  }

  /** A failure to start, with its exit code: 2 for usage and connection, 3 for the schema. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Failure(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  /** The command line. */
  record Options(
      @Nullable UUID user,
      int httpPort,
      @Nullable Path tokens,
      String host,
      String schema,
      boolean help) {

    static Options parse(String[] args) {
      UUID user = null;
      int port = -1;
      Path tokens = null;
      String host = "127.0.0.1";
      String schema = TodoSchema.DEFAULT_SCHEMA;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h", "--help" -> help = true;
          case "--user" -> user = uuid(value(args, ++i, arg));
          case "--http" -> port = port(value(args, ++i, arg));
          case "--tokens" -> tokens = Path.of(value(args, ++i, arg));
          case "--host" -> host = value(args, ++i, arg);
          case "--schema" -> schema = value(args, ++i, arg);
          default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
      }
      if (!help) {
        if (user != null && port >= 0) {
          throw new IllegalArgumentException(
              "give either --user (stdio) or --http (users from bearer tokens), not both");
        }
        if (user == null && port < 0) {
          throw new IllegalArgumentException("give --user UUID (stdio) or --http PORT");
        }
        if (port >= 0 && tokens == null) {
          throw new IllegalArgumentException("--http needs --tokens FILE");
        }
        if (port < 0 && tokens != null) {
          throw new IllegalArgumentException("--tokens goes with --http");
        }
      }
      return new Options(user, port, tokens, host, schema, help);
    }

    private static String value(String[] args, int index, String option) {
      if (index >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[index];
    }

    private static UUID uuid(String text) {
      try {
        if (text.length() == 36) {
          return UUID.fromString(text);
        }
      } catch (IllegalArgumentException e) {
        // below
      }
      throw new IllegalArgumentException("--user: '" + text + "' is not a user id (a UUID)");
    }

    private static int port(String text) {
      try {
        int port = Integer.parseInt(text);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // below
      }
      throw new IllegalArgumentException("--http: '" + text + "' is not a port (0 to 65535)");
    }
  }
}
