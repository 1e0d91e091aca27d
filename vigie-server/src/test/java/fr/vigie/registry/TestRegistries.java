package fr.vigie.registry;

import fr.vigie.crypto.KeyRing;
import javax.sql.DataSource;

/** A registry without Spring, for the integration tests of other features. */
public final class TestRegistries {
  private TestRegistries() {}

  public static Registry open(DataSource dataSource, KeyRing keys) {
    return new Registry(dataSource, keys);
  }
}
