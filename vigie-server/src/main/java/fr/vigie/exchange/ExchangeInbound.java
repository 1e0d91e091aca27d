package fr.vigie.exchange;

import fr.vigie.registry.PersonId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inbound results: collected from an account's {@code inbound/} still encrypted, decrypted here
 * with the register's key, each line's token mapped back to its person through the batch's own
 * entries, stored, and only then the pickup confirmed (the exchange deletes the file). A file that
 * does not decrypt (not for the register's key, altered, or still being uploaded) stays, and the
 * exchange's purge removes it at its maximum age.
 *
 * <p>Results are CSV with the header {@code batch,token,status}: a batch id, a token of that batch,
 * and a status code ({@code DIGITIZED}, {@code MISSING_DOCUMENT}, ...).
 */
@Service
public class ExchangeInbound {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern STATUS = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
  private static final int MAX_RESULTS_BYTES = 64 << 20;

  private final ExchangeKeys keys;
  private final ExchangeClient exchange;
  private final ExchangeBatches batches;
  private final JdbcTemplate jdbc;

  ExchangeInbound(
      ExchangeKeys keys, ExchangeClient exchange, ExchangeBatches batches, JdbcTemplate jdbc) {
    this.keys = keys;
    this.exchange = exchange;
    this.batches = batches;
    this.jdbc = jdbc;
  }

  /** What one collection did: counts only. */
  public record Collected(int files, int results, int unknownTokens, int filesLeft) {}

  /** Collects every inbound file of {@code account} that the register can open. */
  public Collected collect(String account) throws IOException {
    int files = 0;
    int results = 0;
    int unknown = 0;
    int left = 0;
    for (JsonNode entry : JSON.readTree(exchange.inbound(account))) {
      String name = entry.get("name").asString();
      byte[] clear;
      try (InputStream sealed = exchange.collect(account, name)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenPgp.decryptTo(sealed, new Capped(out, MAX_RESULTS_BYTES), keys.openPgp());
        clear = out.toByteArray();
      } catch (IOException e) {
        left++; // not (yet) a complete message to the register: leave it to the purge
        continue;
      }
      int[] counts = store(new String(clear, StandardCharsets.UTF_8));
      results += counts[0];
      unknown += counts[1];
      exchange.confirm(account, name);
      files++;
    }
    return new Collected(files, results, unknown, left);
  }

  private int[] store(String csv) throws IOException {
    int stored = 0;
    int unknown = 0;
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))
            .getRecords();
    for (CSVRecord record : records) {
      Optional<PersonId> person = resolve(record);
      String status = record.isMapped("status") ? record.get("status") : "";
      if (person.isEmpty() || !STATUS.matcher(status).matches()) {
        unknown++;
        continue;
      }
      jdbc.update(
          "insert into exchange_result (batch_id, person_id, status) values (?, ?, ?)"
              + " on conflict (batch_id, person_id) do update set status = excluded.status",
          UUID.fromString(record.get("batch")),
          person.get().value(),
          status);
      stored++;
    }
    return new int[] {stored, unknown};
  }

  private Optional<PersonId> resolve(CSVRecord record) {
    if (!record.isMapped("batch") || !record.isMapped("token")) {
      return Optional.empty();
    }
    try {
      return batches.person(new BatchId(UUID.fromString(record.get("batch"))), record.get("token"));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Refuses to hold more than a bound of plaintext in memory. */
  private static final class Capped extends OutputStream {
    private final OutputStream out;
    private long left;

    Capped(OutputStream out, long limit) {
      this.out = out;
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > left) {
        throw new IOException("results file larger than " + MAX_RESULTS_BYTES + " bytes");
      }
      left -= len;
      out.write(b, off, len);
    }
  }

  @Override
  public String toString() {
    return "ExchangeInbound";
  }
}
