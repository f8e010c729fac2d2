package io.todokit.mcp;

import static io.todokit.mcp.Fixtures.call;
import static io.todokit.mcp.Fixtures.error;
import static io.todokit.mcp.Fixtures.map;
import static io.todokit.mcp.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.todokit.dao.TodoDb;
import io.todokit.testing.TodoDatabaseTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TodoTools registered in a service's own MCP server, with the service's own way of putting the
 * user into the transport context; and the resolvers and the token file on their own.
 */
@TodoDatabaseTest
class LibraryUseTest {

  @Test
  void aServiceRegistersTheToolsInItsOwnServerAndAnUnauthenticatedCallDoesNothing(
      DataSource dataSource) throws Exception {
    TodoDb db = TodoDb.create(dataSource);
    UUID user = Fixtures.newUser(db);
    // The service's own extractor: here the user id comes from a header its gateway sets, and a
    // request without it has no user.
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .mcpEndpoint(HttpServer.ENDPOINT)
            .contextExtractor(
                request ->
                    request.getHeader("X-User") == null
                        ? McpTransportContext.EMPTY
                        : McpTransportContext.create(
                            Map.of(UserResolver.USER_KEY, request.getHeader("X-User"))))
            .build();
    TodoTools tools = TodoTools.create(db, UserResolver.fromTransportContext());
    McpSyncServer server =
        McpServer.sync(transport)
            .serverInfo("my-service", "1.0")
            .capabilities(ServerCapabilities.builder().tools(false).build())
            .tools(tools.specifications())
            .build();
    try (HttpServer http =
        HttpServer.start("127.0.0.1", 0, transport, token -> Optional.of(UUID.randomUUID()))) {
      try (McpSyncClient anonymous = Fixtures.httpClient(http.port(), "any")) {
        assertThat(error(call(anonymous, "add_task", Map.of("title", "Nobody's"))))
            .startsWith("not authenticated: ");
      }
      McpSyncClient client =
          Fixtures.client(
              io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport.builder(
                      "http://127.0.0.1:" + http.port())
                  .endpoint(HttpServer.ENDPOINT)
                  .requestBuilder(
                      java.net.http.HttpRequest.newBuilder()
                          .header("Authorization", "Bearer any")
                          .header("X-User", user.toString()))
                  .build());
      try (client) {
        Map<String, Object> task =
            map(ok(call(client, "add_task", Map.of("title", "Mine"))).get("task"));
        assertThat(db.tasks().get(user, UUID.fromString((String) task.get("id"))).title())
            .isEqualTo("Mine");
      }
    } finally {
      server.close();
    }
  }

  @Test
  void resolvesTheUserFromTheContextOrAFixedOne() {
    UUID user = UUID.randomUUID();

    assertThat(UserResolver.fixed(user).resolve(McpTransportContext.EMPTY)).hasValue(user);
    assertThat(
            UserResolver.fromTransportContext()
                .resolve(McpTransportContext.create(Map.of(UserResolver.USER_KEY, user))))
        .hasValue(user);
    assertThat(
            UserResolver.fromTransportContext()
                .resolve(
                    McpTransportContext.create(Map.of(UserResolver.USER_KEY, user.toString()))))
        .hasValue(user);
    assertThat(UserResolver.fromTransportContext().resolve(McpTransportContext.EMPTY)).isEmpty();
    assertThat(
            UserResolver.fromTransportContext()
                .resolve(McpTransportContext.create(Map.of(UserResolver.USER_KEY, "nope"))))
        .isEmpty();
  }

  @Test
  void readsATokenFileAndNamesABadLineWithoutItsToken(@TempDir Path dir) throws Exception {
    UUID user = UUID.randomUUID();
    Path good = Files.writeString(dir.resolve("good"), "# comment\n\ntok-1 " + user + "\n");
    Path bad = Files.writeString(dir.resolve("bad"), "tok-1 " + user + "\nsecret-token nope\n");
    Path twice = Files.writeString(dir.resolve("twice"), "t " + user + "\nt " + user + "\n");

    BearerAuthenticator authenticator = BearerAuthenticator.fromFile(good);

    assertThat(authenticator.authenticate("tok-1")).hasValue(user);
    assertThat(authenticator.authenticate("tok-2")).isEmpty();
    assertThatThrownBy(() -> BearerAuthenticator.fromFile(bad))
        .hasMessageEndingWith("bad line 2: expected 'token user-uuid'")
        .hasMessageNotContaining("secret-token");
    assertThatThrownBy(() -> BearerAuthenticator.fromFile(twice)).hasMessageContaining("line 2");
    assertThatThrownBy(() -> BearerAuthenticator.fromFile(Files.writeString(dir.resolve("e"), "")))
        .hasMessageEndingWith("has no tokens");
  }
}
