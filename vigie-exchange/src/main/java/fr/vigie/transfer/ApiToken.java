package fr.vigie.transfer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The register's credential for the loopback API: a random token in a file readable by its owner
 * only ({@code vigie.exchange.api-token-file}, created on first start), which the register reads
 * from the same path. Every API request carries it as {@code Authorization: Bearer ...}; it opens
 * account administration and the register's folders, never the files' contents in clear.
 */
@Component
class ApiToken extends OncePerRequestFilter {
  private final byte[] expected;

  ApiToken(
      @Value("${vigie.exchange.api-token-file:${vigie.exchange.data-dir}/api-token}") Path file) {
    this.expected = ("Bearer " + readOrCreate(file)).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    chain.doFilter(request, response);
  }

  static String readOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
            file,
            Base64.getUrlEncoder().withoutPadding().encodeToString(random),
            StandardOpenOption.TRUNCATE_EXISTING);
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or create the API token file", e);
    }
  }
}
