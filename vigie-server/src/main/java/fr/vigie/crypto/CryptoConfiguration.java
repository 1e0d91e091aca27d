package fr.vigie.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the key ring once per application, from {@code vigie.crypto.*} settings. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

  @Bean
  KeyRing keyRing(
      @Value("${vigie.crypto.kek-uri:}") String kekUri,
      @Value("${vigie.crypto.keys-dir:}") String keysDirectory,
      @Value("${vigie.data-dir:data}") String dataDirectory)
      throws GeneralSecurityException, IOException {
    Path keys = keysDirectory.isBlank() ? Path.of(dataDirectory, "keys") : Path.of(keysDirectory);
    String uri = kekUri.isBlank() ? "file:" + keys.resolve("kek.json") : kekUri;
    return KeyRing.open(uri, keys, KeyRing.INDEX_FIELDS);
  }
}
