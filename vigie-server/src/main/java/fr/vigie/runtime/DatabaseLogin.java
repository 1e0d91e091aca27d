package fr.vigie.runtime;

import static java.util.Objects.requireNonNull;

/** A PostgreSQL role and its password; {@link #toString()} never shows the password. */
public record DatabaseLogin(String user, String password) {
  public DatabaseLogin {
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
  }

  @Override
  public String toString() {
    return "DatabaseLogin[" + user + ", password hidden]";
  }
}
