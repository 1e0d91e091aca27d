package fr.vigie.simulation;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * One generated advisor: a member of one organization who follows the persons at indexes {@code
 * firstPerson} to {@code firstPerson + caseloadSize - 1}, all of that organization.
 *
 * @param login stable login made of the organization code and a number, such as {@code
 *     ft00042-a017}; no personal name
 * @param organization the code of the advisor's organization, such as {@code FT-00042}
 */
public record SyntheticAdvisor(
    String login, String organization, CaseloadKind caseload, long firstPerson, int caseloadSize) {
  private static final Pattern LOGIN = Pattern.compile("(ft|ce|ml)[0-9]{3,}-a[0-9]{3,}");

  public SyntheticAdvisor {
    requireNonNull(login, "login is null");
    requireNonNull(organization, "organization is null");
    requireNonNull(caseload, "caseload is null");
    if (!LOGIN.matcher(login).matches()) {
      throw new IllegalArgumentException("login: expected an organization code, -a and digits");
    }
    if (firstPerson < 0) {
      throw new IllegalArgumentException("firstPerson: is negative");
    }
    if (!caseload.allows(caseloadSize)) {
      throw new IllegalArgumentException(
          "caseloadSize: " + caseloadSize + " is outside the bounds of " + caseload);
    }
  }

  /** True when {@code personIndex} is in this advisor's caseload. */
  public boolean follows(long personIndex) {
    return personIndex >= firstPerson && personIndex - firstPerson < caseloadSize;
  }

  /** The indexes of the persons this advisor follows, in order. */
  public LongStream personIndexes() {
    return LongStream.range(firstPerson, firstPerson + caseloadSize);
  }
}
