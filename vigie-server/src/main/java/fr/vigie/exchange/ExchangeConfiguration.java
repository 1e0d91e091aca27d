package fr.vigie.exchange;

import fr.vigie.crypto.KeyRing;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The register's exchange keys and its client of the exchange, from {@code vigie.*} settings. */
@Configuration(proxyBeanMethods = false)
class ExchangeConfiguration {

  @Bean
  ExchangeKeys exchangeKeys(
      KeyRing keys,
      @Value("${vigie.crypto.keys-dir:}") String keysDirectory,
      @Value("${vigie.data-dir:data}") String dataDirectory) {
    Path directory =
        keysDirectory.isBlank() ? Path.of(dataDirectory, "keys") : Path.of(keysDirectory);
    return ExchangeKeys.openOrCreate(directory, keys);
  }

  @Bean
  ExchangeClient exchangeClient(
      @Value("${vigie.exchange.url:http://127.0.0.1:8090}") URI url,
      @Value("${vigie.exchange.api-token-file:}") String tokenFile,
      @Value("${vigie.data-dir:data}") String dataDirectory) {
    Path token =
        tokenFile.isBlank() ? Path.of(dataDirectory, "exchange", "api-token") : Path.of(tokenFile);
    return new ExchangeClient(url, token);
  }
}
