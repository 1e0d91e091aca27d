package fr.vigie.access;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** The identifier of a stored justification: what the audit log records instead of its text. */
public record JustificationId(UUID value) {
  public JustificationId {
    requireNonNull(value, "value is null");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
