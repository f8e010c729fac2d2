package io.todokit.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Streamable HTTP on an embedded Tomcat: the SDK's servlet transport at {@value #ENDPOINT}, behind
 * a filter that refuses (401) every request without a bearer token the authenticator knows and puts
 * the user of a known one in the request, whence the transport context takes it for {@link
 * UserResolver#fromTransportContext()}.
 */
final class HttpServer implements AutoCloseable {

  static final String ENDPOINT = "/mcp";
  private static final String USER_ATTRIBUTE = UserResolver.USER_KEY;

  private final Tomcat tomcat;
  private final Path baseDir;
  private final int port;

  private HttpServer(Tomcat tomcat, Path baseDir, int port) {
    this.tomcat = tomcat;
    this.baseDir = baseDir;
    this.port = port;
  }

  /** The transport whose context carries the authenticated user of each request. */
  static HttpServletStreamableServerTransportProvider transport() {
    return HttpServletStreamableServerTransportProvider.builder()
        .mcpEndpoint(ENDPOINT)
        .contextExtractor(HttpServer::context)
        .build();
  }

  private static McpTransportContext context(HttpServletRequest request) {
    Object user = request.getAttribute(USER_ATTRIBUTE);
    return user instanceof UUID id
        ? McpTransportContext.create(Map.of(UserResolver.USER_KEY, id))
        : McpTransportContext.EMPTY;
  }

  /**
   * Starts serving.
   *
   * @param host the address to listen on
   * @param port the port, 0 for a free one
   */
  static HttpServer start(
      String host,
      int port,
      HttpServletStreamableServerTransportProvider transport,
      BearerAuthenticator authenticator)
      throws IOException {
    Path baseDir = Files.createTempDirectory("todo-mcp-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", host);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
    context.addServletMappingDecoded(ENDPOINT, "mcp");
    FilterDef filter = new FilterDef();
    filter.setFilterName("bearer");
    filter.setFilter(new BearerFilter(authenticator));
    filter.setAsyncSupported("true");
    context.addFilterDef(filter);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("bearer");
    mapping.addURLPattern("/*");
    context.addFilterMap(mapping);
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      throw new IOException("cannot start the HTTP server on " + host + ":" + port, e);
    }
    HttpServer server = new HttpServer(tomcat, baseDir, connector.getLocalPort());
    if (server.port < 0) {
      // Tomcat logs the bind failure and starts without the connector.
      server.close();
      throw new IOException("cannot listen on " + host + ":" + port);
    }
    return server;
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      // stopping anyway
    }
    try (var files = Files.walk(baseDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory
    }
  }

  /** 401 unless {@code Authorization: Bearer <known token>}; the user goes into the request. */
  private record BearerFilter(BearerAuthenticator authenticator) implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      Optional<UUID> user = token(http).flatMap(authenticator::authenticate);
      if (user.isEmpty()) {
        HttpServletResponse refused = (HttpServletResponse) response;
        refused.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        refused.setHeader("WWW-Authenticate", "Bearer realm=\"todo-mcp\"");
        refused.setContentType("text/plain");
        refused.setCharacterEncoding(StandardCharsets.UTF_8.name());
        refused.getWriter().println("a known bearer token is required (Authorization: Bearer …)");
        return;
      }
      http.setAttribute(USER_ATTRIBUTE, user.get());
      chain.doFilter(request, response);
    }

    private static Optional<String> token(HttpServletRequest request) {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Optional.empty();
      }
      String token = header.substring(7).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
  }
}
