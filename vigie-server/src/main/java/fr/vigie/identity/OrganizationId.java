package fr.vigie.identity;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** The identifier of an organization ({@code organization.id}). */
public record OrganizationId(UUID value) {
  public OrganizationId {
    requireNonNull(value, "value is null");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
