package fr.vigie.web;

import fr.vigie.access.Relationships;
import fr.vigie.detection.AccessWatch;
import fr.vigie.detection.AccountProfile;
import fr.vigie.identity.AccountId;
import fr.vigie.identity.GuardPrefetch;
import fr.vigie.identity.OrganizationId;
import fr.vigie.identity.StaffPrincipal;
import fr.vigie.registry.PersonId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * One round trip for a person's read: the guard's query of the account also loads the facts and the
 * sealed row of the person that {@code GET /api/persons/{id}} or {@code POST
 * /api/persons/{id}/read} names. The guard still decides first, on every request, on the account's
 * row as stored now, so a lock, revocation or suspension holds at the very next request on any
 * node.
 */
@Component
class PersonReadPrefetch implements GuardPrefetch {
  private static final Pattern READ =
      Pattern.compile(
          "/api/persons/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
              + "-[0-9a-fA-F]{12})(/read)?");

  private final Relationships relationships;
  private final AccessWatch watch;

  PersonReadPrefetch(Relationships relationships, AccessWatch watch) {
    this.relationships = relationships;
    this.watch = watch;
  }

  @Override
  public Optional<Plan> plan(HttpServletRequest request, StaffPrincipal session) {
    Matcher read = READ.matcher(request.getRequestURI());
    if (!read.matches() || !method(request, read.group(2) == null ? "GET" : "POST")) {
      return Optional.empty();
    }
    PersonId person = new PersonId(UUID.fromString(read.group(1)));
    GuardPrefetch.Plan facts =
        relationships.prefetch(
            new AccountId(session.accountId()),
            new OrganizationId(session.organizationId()),
            person);
    // A read without a justification is never outside the caseload: it is counted ahead as such.
    return Optional.of(
        read.group(2) == null
            ? facts.and(
                watch.admitAhead(
                    new AccountProfile(
                        new AccountId(session.accountId()),
                        session.role(),
                        session.organizationKind(),
                        null),
                    person))
            : facts);
  }

  private static boolean method(HttpServletRequest request, String expected) {
    return expected.equals(request.getMethod());
  }

  @Override
  public void clear() {
    relationships.forgetPrefetched();
    watch.settleAhead();
  }
}
