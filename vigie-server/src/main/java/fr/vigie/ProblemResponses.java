package fr.vigie;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * RFC 9457 problem details written straight to a servlet response, for the answers given before any
 * controller runs (filters, Spring Security's entry point and access denied handler), so they look
 * like every other error: {@code type}, {@code title}, {@code status}, {@code detail} and Vigie's
 * {@code code}. The detail is a fixed text of the caller's, never a value from the request.
 */
public final class ProblemResponses {
  /** The start of every problem's {@code type}; the code follows, in lower case with hyphens. */
  public static final String TYPE_PREFIX = "https://vigie.example/problems/";

  private ProblemResponses() {}

  /** The {@code type} URI of a code: {@code .../problems/sign-in-required}. */
  public static URI type(ProblemCode code) {
    return URI.create(TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /** Seconds for a {@code Retry-After} header: the duration rounded up, at least one. */
  public static String retryAfterSeconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Long.toString(Math.max(1, seconds));
  }

  /** Writes the problem of {@code code} with {@code detail}, and commits the response. */
  public static void write(HttpServletResponse response, ProblemCode code, String detail)
      throws IOException {
    response.setStatus(code.httpStatus());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // Written before Spring Security's header writer may run: the two that matter for an answer.
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response
        .getWriter()
        .write(
            "{\"type\":\""
                + type(code)
                + "\",\"title\":\""
                + escape(code.title())
                + "\",\"status\":"
                + code.httpStatus()
                + ",\"detail\":\""
                + escape(detail)
                + "\",\"code\":\""
                + code.name()
                + "\"}");
    response.flushBuffer();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
