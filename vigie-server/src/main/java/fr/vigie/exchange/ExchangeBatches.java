package fr.vigie.exchange;

import static java.util.Objects.requireNonNull;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Actor;
import fr.vigie.access.PersonReads;
import fr.vigie.access.PersonView;
import fr.vigie.access.Purpose;
import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonField;
import fr.vigie.registry.PersonId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Outbound batches: each person read through the one read path ({@link PersonReads}, purpose {@link
 * Purpose#EXCHANGE}: guard, policy, ceilings, audit, detectors, for the subcontractor's operator
 * account), written as a CSV whose first column is the person's token in this batch, encrypted to
 * the subcontractor's OpenPGP key as it is written, and placed on the exchange. The plaintext
 * exists only in memory, on its way into the encryption.
 */
@Service
public class ExchangeBatches {
  /** The batch's columns after the token; the NIR is masked by the policy. */
  static final List<PersonField> COLUMNS =
      List.of(
          PersonField.BIRTH_NAME,
          PersonField.USUAL_NAME,
          PersonField.FIRST_NAMES,
          PersonField.BIRTH_DATE,
          PersonField.NIR);

  private static final Set<ProblemCode> SKIPPED =
      Set.of(ProblemCode.ACCESS_DENIED, ProblemCode.PERSON_NOT_FOUND);

  private final PersonReads reads;
  private final ExchangeKeys keys;
  private final ExchangeClient exchange;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  ExchangeBatches(
      PersonReads reads,
      ExchangeKeys keys,
      ExchangeClient exchange,
      JdbcTemplate jdbc,
      Optional<Clock> clock) {
    this.reads = reads;
    this.keys = keys;
    this.exchange = exchange;
    this.jdbc = jdbc;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** What a sent batch held: counts only. */
  public record Sent(BatchId batch, int persons, int refused) {}

  /**
   * A batch as an incident scopes it: the operator whose reads filled it, the window of those reads
   * (on the register's clock, as in the audit log), its persons, and the exchange account it was
   * placed for (whose operations the audit log names {@code exchange:ACCOUNT}).
   */
  public record Batch(
      BatchId id,
      AccountId operator,
      Instant readFrom,
      Instant readTo,
      Set<PersonId> persons,
      String account) {
    @Override
    public String toString() {
      return "Batch[" + id + ", persons=" + persons.size() + "]";
    }
  }

  /** The batch, if it was sent and its reads' window is known (batches sent since V111). */
  public Optional<Batch> batch(BatchId batch) {
    return jdbc
        .query(
            "select operator_id, read_from, read_to, account from exchange_batch"
                + " where id = ? and read_from is not null",
            (row, n) ->
                new Batch(
                    batch,
                    new AccountId(row.getObject(1, UUID.class)),
                    row.getTimestamp(2).toInstant(),
                    row.getTimestamp(3).toInstant(),
                    Set.copyOf(
                        jdbc.query(
                            "select person_id from exchange_batch_entry where batch_id = ?",
                            (entry, i) -> new PersonId(entry.getObject(1, UUID.class)),
                            batch.value())),
                    row.getString(4)),
            batch.value())
        .stream()
        .findFirst();
  }

  /**
   * Reads {@code persons} as {@code operator} for the exchange, encrypts them to {@code recipient}
   * and places the batch in {@code account}'s outbound folder. A person the policy refuses is left
   * out (and audited as refused); a guard or ceiling refusal stops the batch and nothing is placed.
   */
  public Sent send(Actor operator, String account, List<PersonId> persons, PGPPublicKey recipient)
      throws IOException {
    requireNonNull(operator, "operator is null");
    requireNonNull(recipient, "recipient is null");
    BatchId batch = BatchId.random();
    Instant readFrom = clock.instant();
    Path sealed = Files.createTempFile("vigie-batch-", ".pgp");
    try {
      List<PersonId> included = new ArrayList<>();
      try (OutputStream out = Files.newOutputStream(sealed)) {
        encryptWhileWriting(
            out,
            recipient,
            batch.fileName(),
            writer -> {
              CSVPrinter csv = CSVFormat.RFC4180.print(writer);
              csv.printRecord(header());
              for (PersonId person : persons) {
                Optional<PersonView> view = read(operator, person);
                if (view.isEmpty()) {
                  continue;
                }
                List<String> row = new ArrayList<>();
                row.add(keys.tokens().token(batch, person));
                COLUMNS.forEach(field -> row.add(view.get().fields().getOrDefault(field, "")));
                csv.printRecord(row);
                included.add(person);
              }
              csv.flush();
            });
      }
      record(
          batch,
          account,
          operator,
          included,
          persons.size() - included.size(),
          readFrom,
          clock.instant());
      exchange.place(account, batch.fileName(), sealed);
      return new Sent(batch, included.size(), persons.size() - included.size());
    } finally {
      Files.deleteIfExists(sealed);
    }
  }

  /** The person a token of {@code batch} stands for, if that batch has it. */
  public Optional<PersonId> person(BatchId batch, String token) {
    return jdbc
        .query(
            "select person_id from exchange_batch_entry where batch_id = ? and token = ?",
            (row, n) -> new PersonId(row.getObject(1, UUID.class)),
            batch.value(),
            token)
        .stream()
        .findFirst();
  }

  private Optional<PersonView> read(Actor operator, PersonId person) {
    try {
      return Optional.of(reads.read(operator, person, Purpose.EXCHANGE, Optional.empty()));
    } catch (VigieException e) {
      if (SKIPPED.contains(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static List<String> header() {
    List<String> header = new ArrayList<>();
    header.add("token");
    COLUMNS.forEach(field -> header.add(field.column()));
    return header;
  }

  private void record(
      BatchId batch,
      String account,
      Actor operator,
      List<PersonId> included,
      int refused,
      Instant readFrom,
      Instant readTo) {
    jdbc.update(
        "insert into exchange_batch (id, account, operator_id, persons, refused, read_from,"
            + " read_to) values (?, ?, ?, ?, ?, ?, ?)",
        batch.value(),
        account,
        operator.account().value(),
        included.size(),
        refused,
        Timestamp.from(readFrom),
        Timestamp.from(readTo));
    jdbc.batchUpdate(
        "insert into exchange_batch_entry (batch_id, token, person_id) values (?, ?, ?)",
        included,
        1000,
        (statement, person) -> {
          statement.setObject(1, batch.value());
          statement.setString(2, keys.tokens().token(batch, person));
          statement.setObject(3, person.value());
        });
  }

  private interface CsvBody {
    void write(Writer writer) throws IOException;
  }

  /**
   * Runs {@code body} on a writer whose bytes go straight into the OpenPGP encryption on another
   * thread: the plaintext never touches the disk.
   */
  private static void encryptWhileWriting(
      OutputStream out, PGPPublicKey recipient, String name, CsvBody body) throws IOException {
    PipedInputStream plain = new PipedInputStream(1 << 16);
    PipedOutputStream feed = new PipedOutputStream(plain);
    IOException[] failure = new IOException[1];
    Thread encryption =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (InputStream in = plain) {
                    OpenPgp.encrypt(in, out, recipient, name);
                  } catch (IOException e) {
                    failure[0] = e;
                  }
                });
    try (Writer writer = new OutputStreamWriter(feed, StandardCharsets.UTF_8)) {
      body.write(writer);
    } finally {
      try {
        encryption.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while encrypting a batch", e);
      }
    }
    if (failure[0] != null) {
      throw new UncheckedIOException(failure[0]);
    }
  }

  @Override
  public String toString() {
    return "ExchangeBatches";
  }
}
