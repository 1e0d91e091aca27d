package fr.vigie.breach;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** The identifier of an incident ({@code incident.id}). */
public record IncidentId(UUID value) {
  public IncidentId {
    requireNonNull(value, "value is null");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
