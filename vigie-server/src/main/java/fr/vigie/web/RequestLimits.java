package fr.vigie.web;

import fr.vigie.ProblemCode;
import fr.vigie.ProblemResponses;
import fr.vigie.VigieException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what one request may make the server read, before anything parses it: a body larger than
 * {@code vigie.http.max-body-size} (64 KiB by default: the JSON API's requests are a few hundred
 * bytes) is refused with a 413 problem, whether it says its length ({@code Content-Length}) or not
 * (chunked: counted while it is read). Headers are bounded by {@code
 * server.max-http-request-header-size}. A plain request for the error page is a 404 problem.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RequestLimits {

  @Bean
  FilterRegistrationBean<BodyLimit> bodyLimitFilter(
      @Value("${vigie.http.max-body-size:64KB}") DataSize maxBody) {
    FilterRegistrationBean<BodyLimit> registration =
        new FilterRegistrationBean<>(new BodyLimit(maxBody.toBytes()));
    registration.addUrlPatterns("/*");
    // First of all: nothing else reads a byte of an oversized body.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ErrorPage> errorPageFilter() {
    FilterRegistrationBean<ErrorPage> registration = new FilterRegistrationBean<>(new ErrorPage());
    registration.addUrlPatterns("/error", "/error/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    // After Spring Security (order -100), so the answer carries its headers like any other.
    registration.setOrder(0);
    return registration;
  }

  /** Tomcat's own error answers (headers too large, bad request lines) as problem details. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
              }
            });
  }

  /** The body limit: by the announced length first, then by counting what is read. */
  static final class BodyLimit extends OncePerRequestFilter {
    private final long max;

    BodyLimit(long max) {
      this.max = max;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (request.getContentLengthLong() > max) {
        tooLarge(response);
        return;
      }
      try {
        chain.doFilter(new Bounded(request, max), response);
      } catch (VigieException e) {
        // Read past the limit outside Spring MVC (a Spring Security filter reading JSON).
        if (e.code() != ProblemCode.REQUEST_TOO_LARGE || response.isCommitted()) {
          throw e;
        }
        response.resetBuffer();
        tooLarge(response);
      }
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
      // The rest of the body is not read: the connection closes after this answer.
      response.setHeader("Connection", "close");
      ProblemResponses.write(response, ProblemCode.REQUEST_TOO_LARGE, detail(max));
    }

    static String detail(long max) {
      return "the body is larger than " + max + " bytes";
    }
  }

  /** The request with a body stream that refuses to go past the limit. */
  private static final class Bounded extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), max);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  /** Counts the bytes read; one past the limit throws {@code REQUEST_TOO_LARGE}. */
  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long max;
    private long read;

    Counting(ServletInputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > max) {
        throw new VigieException(ProblemCode.REQUEST_TOO_LARGE, BodyLimit.detail(max));
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }

  /** {@code GET /error} asked for by a client, not an error dispatch: nothing is there. */
  static final class ErrorPage extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException {
      ProblemResponses.write(response, ProblemCode.NOT_FOUND, "no such resource");
    }
  }
}
