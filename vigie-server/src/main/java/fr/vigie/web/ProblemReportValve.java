package fr.vigie.web;

import fr.vigie.ProblemCode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers, given before any servlet runs (headers too large, a malformed request
 * line), as problem details like every other error instead of Tomcat's HTML page.
 */
public final class ProblemReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    AtomicBoolean writable = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
    if (!writable.get()) {
      return;
    }
    ProblemCode code =
        switch (status) {
          case 404 -> ProblemCode.NOT_FOUND;
          case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
          case 413 -> ProblemCode.REQUEST_TOO_LARGE;
          default -> ProblemCode.REQUEST_INVALID;
        };
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("X-Content-Type-Options", "nosniff");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(
            "{\"type\":\""
                + fr.vigie.ProblemResponses.type(code)
                + "\",\"title\":\""
                + code.title()
                + "\",\"status\":"
                + status
                + ",\"detail\":\"the server could not read this request\",\"code\":\""
                + code.name()
                + "\"}");
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // Nothing more can be said to this client.
    }
  }
}
