package io.todokit.examples.spring.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link ActingUser} handler parameters from the {@value ActingUser#HEADER} header, and
 * refuses the request with 401 when it is missing or not a UUID. Stateless and thread-safe.
 */
final class ActingUserResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == ActingUser.class;
  }

  @Override
  public ActingUser resolveArgument(
      MethodParameter parameter,
      @Nullable ModelAndViewContainer container,
      NativeWebRequest request,
      @Nullable WebDataBinderFactory binderFactory) {
    String header = request.getHeader(ActingUser.HEADER);
    if (header == null || header.isBlank()) {
      throw new UnauthenticatedException("the " + ActingUser.HEADER + " header is required");
    }
    try {
      return new ActingUser(UUID.fromString(header.strip()));
    } catch (IllegalArgumentException e) {
      throw new UnauthenticatedException("the " + ActingUser.HEADER + " header must be a UUID");
    }
  }
}
