package fr.vigie.identity;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** The identifier of a staff account ({@code staff_account.id}); carries no personal data. */
public record AccountId(UUID value) {
  public AccountId {
    requireNonNull(value, "value is null");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
