package fr.vigie.exchange;

import fr.vigie.identity.AddressRateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The register's client of the exchange's loopback API, authenticated by the token the exchange
 * wrote in its API token file (readable by their common owner only). Names in URLs are account
 * names and batch file names, never personal data.
 */
public class ExchangeClient {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final URI base;
  private final Path tokenFile;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** What an alert blocks when guesses come from too many addresses: the never-seen networks. */
  public static final String UNKNOWN_NETWORKS = "*";

  public ExchangeClient(URI base, Path tokenFile) {
    this.base = base;
    this.tokenFile = tokenFile;
  }

  /** Places an encrypted file in the account's {@code outbound/}. */
  public void place(String account, String name, Path encrypted) throws IOException {
    send(
        request("/api/accounts/" + checked(account) + "/outbound/" + checked(name))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofFile(encrypted)),
        201);
  }

  /** The JSON list of files in the account's {@code inbound/}. */
  public String inbound(String account) throws IOException {
    return send(request("/api/accounts/" + checked(account) + "/inbound").GET(), 200);
  }

  /** Streams one inbound file, still encrypted, to the caller. */
  public InputStream collect(String account, String name) throws IOException {
    HttpResponse<InputStream> response =
        exchange(
            request("/api/accounts/" + checked(account) + "/inbound/" + checked(name)).GET(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("the exchange answered " + response.statusCode() + " to a collect");
    }
    return response.body();
  }

  /** Confirms the pickup of an inbound file: the exchange deletes it. */
  public void confirm(String account, String name) throws IOException {
    send(request("/api/accounts/" + checked(account) + "/inbound/" + checked(name)).DELETE(), 204);
  }

  /**
   * Enrols a person of the account for the exchange's HTTPS side (or renews their password and TOTP
   * secret) and returns the exchange's JSON answer: login, account, password and otpauth URI, shown
   * once, to hand to that person.
   */
  public String enrol(String account, String login) throws IOException {
    return send(
        request("/api/accounts/" + checked(account) + "/users/" + checked(login))
            .PUT(HttpRequest.BodyPublishers.noBody()),
        200);
  }

  /**
   * Suspends the account on the exchange (no sign-in, no operation, its sessions cut) or lifts its
   * suspension. Idempotent.
   */
  public void suspend(String account, boolean suspended) throws IOException {
    HttpRequest.Builder request = request("/api/accounts/" + checked(account) + "/suspension");
    send(suspended ? request.PUT(HttpRequest.BodyPublishers.noBody()) : request.DELETE(), 204);
  }

  /**
   * Has the exchange refuse every HTTPS request and SFTP sign-in from {@code target} until {@code
   * until} (its watch found it guessing tokens): an address literal, a network as {@link
   * AddressRateLimiter#prefix} writes it, or {@link #UNKNOWN_NETWORKS}: every network that did not
   * sign in successfully lately. Idempotent.
   */
  public void block(String target, java.time.Instant until) throws IOException {
    send(
        request(blockPath(target))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"until\":\"" + until + "\"}")),
        204);
  }

  /** Has the exchange serve {@code target} (as for {@link #block}) again. Idempotent. */
  public void lift(String target) throws IOException {
    send(request(blockPath(target)).DELETE(), 204);
  }

  /** The exchange's path of the block of an address, a network, or the unknown networks. */
  private static String blockPath(String target) {
    if (UNKNOWN_NETWORKS.equals(target)) {
      return "/api/sign-in-guard";
    }
    int slash = target == null ? -1 : target.indexOf('/');
    String address = slash < 0 ? target : target.substring(0, slash);
    if (!addressLiteral(address)) {
      throw new IllegalArgumentException("not an address literal");
    }
    if (slash < 0) {
      return "/api/addresses/" + address + "/block";
    }
    String bits = target.substring(slash + 1);
    if (!bits.equals("24") && !bits.equals("64")) {
      throw new IllegalArgumentException("not a /24 or /64 network");
    }
    return "/api/networks/" + address + "/" + bits + "/block";
  }

  /** Whether {@code address} is an IPv4 or IPv6 literal the exchange takes in a block. */
  static boolean addressLiteral(String address) {
    return address != null
        && address.length() <= 64
        && address.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  }

  /** The exchange's operations after {@code seq}, as JSON. */
  public String operations(long after, int limit) throws IOException {
    return send(request("/api/operations?after=" + after + "&limit=" + limit).GET(), 200);
  }

  private HttpRequest.Builder request(String path) throws IOException {
    String token = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(5))
        .header("Authorization", "Bearer " + token);
  }

  private String send(HttpRequest.Builder request, int expected) throws IOException {
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IOException("the exchange answered " + response.statusCode());
    }
    return response.body();
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws IOException {
    try {
      return http.send(request.build(), handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the exchange", e);
    }
  }

  private static String checked(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an exchange name");
    }
    return name;
  }

  @Override
  public String toString() {
    return "ExchangeClient[" + base + "]";
  }
}
