package fr.vigie.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of {@code vigie bench read}: plain reads with no protection, on the same HTTP server
 * and client machinery as the register's reads. It exists only when {@code
 * vigie.bench.plain-reads=true}, a property that only {@link ReadBenchmark} sets, on its throw-away
 * database: never in a served application.
 *
 * <p>It reads {@code bench_plain_person}, a table of clear copies the benchmark writes itself from
 * the generated records; it never reads the register ({@code person}), its ciphertexts or its keys,
 * so it is no second path to the register's plaintext.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ReadBenchmark.PLAIN_READS_PROPERTY, havingValue = "true")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PlainReads {
  static final String TABLE = "bench_plain_person";

  /** The columns of the clear copy, as the register's API names its fields. */
  static final List<String> COLUMNS =
      java.util.Arrays.stream(fr.vigie.registry.PersonField.values())
          .map(fr.vigie.registry.PersonField::column)
          .toList();

  /** Lets {@code /bench/plain/**} through with nothing but Spring Security's own headers. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain plainReadsSecurity(HttpSecurity http) throws Exception {
    return http.securityMatcher("/bench/plain/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .build();
  }

  /** A person as the register's API shapes it: id, basis, fields by column name. */
  record PlainJson(String id, String basis, Map<String, String> fields) {}

  /** Conditional itself, since component scanning finds it apart from its enclosing class. */
  @RestController
  @ConditionalOnProperty(name = ReadBenchmark.PLAIN_READS_PROPERTY, havingValue = "true")
  static class PlainReadController {
    private static final String SELECT =
        "select " + String.join(", ", COLUMNS) + " from " + TABLE + " where id = ?";

    private final JdbcTemplate jdbc;

    PlainReadController(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @GetMapping("/bench/plain/{id}")
    ResponseEntity<PlainJson> read(@PathVariable UUID id) {
      List<PlainJson> found =
          jdbc.query(
              SELECT,
              (row, i) -> {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String column : COLUMNS) {
                  String value = row.getString(column);
                  if (value != null) {
                    fields.put(column, value);
                  }
                }
                return new PlainJson(id.toString(), "NONE", fields);
              },
              id);
      return found.isEmpty() ? ResponseEntity.notFound().build() : ResponseEntity.ok(found.get(0));
    }
  }
}
