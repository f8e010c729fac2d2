package io.todokit.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.todokit.dao.TodoDb;
import io.todokit.dao.users.NewUser;
import io.todokit.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Users, clients and calls for the tests. */
final class Fixtures {

  private Fixtures() {}

  static Map<String, String> env(TestDatabase database) {
    return Map.of(
        TodoMcp.URL_VARIABLE, database.jdbcUrl(),
        TodoMcp.USER_VARIABLE, database.username(),
        TodoMcp.PASSWORD_VARIABLE, database.password());
  }

  static UUID newUser(TodoDb db) {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    return db.users().create(NewUser.of(name, name + "@example.org", "$2a$10$hash")).id();
  }

  static McpSyncClient httpClient(int port, String token) {
    HttpClientStreamableHttpTransport.Builder transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
            .endpoint(HttpServer.ENDPOINT);
    if (token != null) {
      transport.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token));
    }
    return client(transport.build());
  }

  static McpSyncClient client(McpClientTransport transport) {
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(30))
            .build();
    client.initialize();
    return client;
  }

  static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
    return client.callTool(new CallToolRequest(tool, arguments));
  }

  /** The structured content of a successful call. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> ok(CallToolResult result) {
    if (Boolean.TRUE.equals(result.isError())) {
      throw new AssertionError("tool error: " + text(result));
    }
    return (Map<String, Object>) result.structuredContent();
  }

  /** The one line of a failed call. */
  static String error(CallToolResult result) {
    if (!Boolean.TRUE.equals(result.isError())) {
      throw new AssertionError("expected an error, got " + result.structuredContent());
    }
    return text(result);
  }

  static String text(CallToolResult result) {
    return ((TextContent) result.content().getFirst()).text();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
