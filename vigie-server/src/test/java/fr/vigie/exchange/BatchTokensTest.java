package fr.vigie.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.registry.PersonId;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchTokensTest {
  private static final byte[] KEY = filled(32, (byte) 7);
  private static final PersonId PERSON =
      new PersonId(UUID.fromString("0b9c7e52-79c4-4f1d-9a57-8f1c1b2f1a10"));

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }

  @Test
  void token_ofOnePersonInOneBatch_isStableAnd128BitHex() {
    BatchId batch = BatchId.random();
    BatchTokens tokens = new BatchTokens(KEY);

    assertThat(tokens.token(batch, PERSON)).matches("[0-9a-f]{32}");
    assertThat(tokens.token(batch, PERSON)).isEqualTo(new BatchTokens(KEY).token(batch, PERSON));
  }

  @Test
  void token_ofTheSamePersonInAnotherBatch_isUnrelated() {
    BatchTokens tokens = new BatchTokens(KEY);

    assertThat(tokens.token(BatchId.random(), PERSON))
        .isNotEqualTo(tokens.token(BatchId.random(), PERSON));
  }

  @Test
  void token_underAnotherKey_differs() {
    BatchId batch = BatchId.random();

    assertThat(new BatchTokens(filled(32, (byte) 8)).token(batch, PERSON))
        .isNotEqualTo(new BatchTokens(KEY).token(batch, PERSON));
  }

  @Test
  void token_isNotThePersonsId() {
    String token = new BatchTokens(KEY).token(BatchId.random(), PERSON);

    assertThat(token).isNotEqualTo(PERSON.value().toString().replace("-", ""));
  }

  @Test
  void tokens_withAShortKey_areRefused() {
    assertThatThrownBy(() -> new BatchTokens(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
