package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opening organizations and staff accounts, the one way the console's administrator and the command
 * line ({@code vigie import organizations}, {@code vigie accounts create}) both take: each opening
 * is published ({@link IdentityEvent.OrganizationOpened}, {@link IdentityEvent.AccountOpened}) and
 * so audited, by the administrator's account or by the command line.
 */
@Service
public class Openings {
  private final Organizations organizations;
  private final Credentials credentials;
  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Openings(
      Organizations organizations,
      Credentials credentials,
      JdbcTemplate jdbc,
      ApplicationEventPublisher events,
      Clock clock) {
    this.organizations = organizations;
    this.credentials = credentials;
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /** An account just opened: its one-time password, shown once. */
  public record Opened(UUID id, String oneTimePassword) {
    @Override
    public String toString() {
      return "Opened[id=" + id + "]";
    }
  }

  /**
   * Opens the organizations whose code is new, leaving the others as they are; returns how many
   * were opened. {@code by}: the administrator's account, or null for the command line.
   */
  @Transactional
  public int organizations(UUID by, List<Organizations.NewOrganization> wanted) {
    List<Organizations.NewOrganization> fresh = new ArrayList<>();
    for (Organizations.NewOrganization o : wanted) {
      if (idOf(o.code()).isEmpty() && fresh.stream().noneMatch(f -> f.code().equals(o.code()))) {
        fresh.add(o);
      }
    }
    organizations.registerOrganizations(fresh);
    for (Organizations.NewOrganization o : fresh) {
      events.publishEvent(
          new IdentityEvent.OrganizationOpened(idOf(o.code()).orElseThrow(), by, clock.instant()));
    }
    return fresh.size();
  }

  /**
   * Opens an account with a one-time password and, if given, an address on file for recovery codes
   * and notices; empty when the login exists already. {@code by}: the administrator's account, or
   * null for the command line.
   */
  @Transactional
  public Optional<Opened> account(
      UUID by, String login, Role role, String organizationCode, String email) {
    if (credentials.accountId(login).isPresent()) {
      return Optional.empty();
    }
    organizations.registerAccounts(
        List.of(new Organizations.NewAccount(login, organizationCode, role)));
    UUID account =
        credentials
            .accountId(login)
            .orElseThrow(
                () ->
                    new VigieException(
                        ProblemCode.ORGANIZATION_UNKNOWN, "no organization has this code"));
    String password = GeneratedPasswords.next();
    credentials.setPassword(account, password);
    if (email != null && !email.isBlank()) {
      credentials.setEmail(account, email.strip());
    }
    events.publishEvent(
        new IdentityEvent.AccountOpened(
            account, idOf(organizationCode).orElseThrow(), role, by, clock.instant()));
    return Optional.of(new Opened(account, password));
  }

  private Optional<UUID> idOf(String code) {
    return jdbc
        .queryForList("select id from organization where code = ?", UUID.class, code)
        .stream()
        .findFirst();
  }
}
