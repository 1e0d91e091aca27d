package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import fr.vigie.identity.OrganizationKind;
import java.util.regex.Pattern;

/**
 * One generated organization. Its persons are the indexes {@code firstPerson} to {@code firstPerson
 * + persons - 1} of {@link SyntheticAgency#person(long)}.
 *
 * @param code stable code, such as {@code FT-00042}, {@code CE-007} or {@code ML-0123}
 * @param name a display name made of the network and a French city, never of a person's name
 */
public record SyntheticOrganization(
    String code, OrganizationKind kind, String name, long firstPerson, long persons) {
  private static final Pattern CODE = Pattern.compile("(FT|CE|ML)-[0-9]{3,}");

  public SyntheticOrganization {
    requireNonNull(code, "code is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(name, "name is null");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("code: expected FT-, CE- or ML- and digits");
    }
    if (firstPerson < 0 || persons < 1) {
      throw new IllegalArgumentException("persons: expected a first index >= 0 and a count >= 1");
    }
  }

  /** True when this organization follows the person at {@code personIndex}. */
  public boolean follows(long personIndex) {
    return personIndex >= firstPerson && personIndex - firstPerson < persons;
  }
}
