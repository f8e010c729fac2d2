package io.todokit.dao.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The JSON documents todokit parses and writes (recurrence rules, tool calls), through one mapper
 * that no caller can reconfigure: duplicate keys and trailing content are refused (a document must
 * mean one thing). Thread-safe.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /**
   * Parses a document.
   *
   * @param text the JSON text
   * @return its tree; null for empty content
   * @throws JsonProcessingException when it is not one valid JSON document
   */
  public static @Nullable JsonNode read(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** A new, empty JSON object to fill and write with {@code toString()}. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A new, empty JSON array to fill and write with {@code toString()}. */
  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }
}
