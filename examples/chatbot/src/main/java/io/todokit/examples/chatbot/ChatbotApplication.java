package io.todokit.examples.chatbot;

import java.time.Clock;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The chatbot service: {@code POST /api/{userId}/chat}. The {@code ChatModel} comes from a Spring
 * AI provider starter (the Maven profiles {@code openai}, {@code anthropic}, {@code ollama}; see
 * the README) or, in the tests, from a scripted model; todokit's starter makes the {@code TodoDb}
 * bean and migrates todokit's schema at startup. All state is in PostgreSQL.
 */
@SpringBootApplication
@EnableConfigurationProperties(ChatProperties.class)
public class ChatbotApplication {

  /**
   * Starts the service.
   *
   * @param args Spring Boot's command line arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(ChatbotApplication.class, args);
  }

  /** The client of whichever model the configuration provides. */
  @Bean
  ChatClient chatClient(ChatModel chatModel) {
    return ChatClient.builder(chatModel).build();
  }

  /** "Now" for the model's system prompt and the tools' date filters (a test may replace it). */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
