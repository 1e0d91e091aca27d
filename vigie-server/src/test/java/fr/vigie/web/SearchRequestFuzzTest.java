package fr.vigie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vigie.VigieException;
import fr.vigie.testing.Leaks;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /api/persons/search}, as the web layer reads it: any bytes are refused as
 * unreadable JSON (a 400 from Spring), or refused with a {@link VigieException} that does not
 * repeat the value searched for (a problem detail), or become a search key; nothing else (a 500)
 * escapes.
 */
public class SearchRequestFuzzTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> VOCABULARY =
      List.of("expected 11 digits, or 7 digits and one digit or capital letter");

  @FuzzTest(maxDuration = "10s")
  void searchKey_anyBody_refusesWithoutRepeatingTheValue(byte[] body) {
    check(body);
  }

  /** The property, for this test and for {@link fr.vigie.AllParsersFuzzTest}. */
  public static void check(byte[] body) {
    PersonController.SearchRequest request;
    try {
      request = JSON.readValue(body, PersonController.SearchRequest.class);
    } catch (JacksonException e) {
      return;
    }
    if (request == null) {
      return;
    }
    try {
      SearchKey key = SearchKey.of(request.criterion(), request.value(), request.birthDate());
      assertThat(key).isNotNull();
    } catch (VigieException e) {
      String value = request.value();
      List<String> values = value == null ? List.of() : List.of(value, value.replace(" ", ""));
      assertThat(Leaks.repeatedInput(e.getMessage(), values, VOCABULARY))
          .as("the value repeated in: %s", e.getMessage())
          .isNull();
    }
  }
}
