package fr.vigie.identity;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account recovery that cannot hand an attacker a working account (the 2024 breach began with a
 * helpdesk reset of a partner advisor). A reset sets a temporary password, ends every session,
 * forgets every second factor and tells the owner and the managers at once; the new second factor
 * then needs a manager's approval or the code sent to the address on file before the reset; and the
 * account reads nothing for a restricted period after it.
 */
@Service
class Recoveries {
  /** Roles a helpdesk may not reset: those that could reset or unlock others. */
  private static final Set<Role> NOT_BY_HELPDESK = Set.of(Role.HELPDESK, Role.ADMINISTRATOR);

  private static final int MAX_CODE_FAILURES = 5;
  private static final char[] PASSWORD_ALPHABET =
      "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final StaffAccounts accounts;
  private final StaffContacts contacts;
  private final SecondFactors secondFactors;
  private final RecoveryMail mail;
  private final PasswordEncoder passwords;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Duration restrictedPeriod;
  private final Duration codeValidity;

  Recoveries(
      JdbcTemplate jdbc,
      StaffAccounts accounts,
      StaffContacts contacts,
      SecondFactors secondFactors,
      RecoveryMail mail,
      PasswordEncoder passwords,
      ApplicationEventPublisher events,
      Clock clock,
      @Value("${vigie.recovery.restricted-period:PT24H}") Duration restrictedPeriod,
      @Value("${vigie.recovery.code-validity:PT30M}") Duration codeValidity) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.contacts = contacts;
    this.secondFactors = secondFactors;
    this.mail = mail;
    this.passwords = passwords;
    this.events = events;
    this.clock = clock;
    this.restrictedPeriod = restrictedPeriod;
    this.codeValidity = codeValidity;
  }

  /** A reset: its id and the temporary password, shown once to the helpdesk. */
  record Reset(UUID recoveryId, String temporaryPassword) {
    @Override
    public String toString() {
      return "Reset[recovery=" + recoveryId + "]";
    }
  }

  /** Resets {@code accountId}'s password, by {@code helpdesk}. */
  @Transactional
  Reset reset(StaffPrincipal helpdesk, UUID accountId) {
    if (helpdesk.role() != Role.HELPDESK || helpdesk.restricted()) {
      throw notAllowed("only an unrestricted helpdesk account resets passwords");
    }
    StaffAccounts.Account account =
        accounts
            .byIdForUpdate(accountId)
            .orElseThrow(
                () ->
                    new VigieException(
                        ProblemCode.ACCOUNT_NOT_FOUND, "no staff account " + accountId));
    if (account.containment() != ContainmentState.ACTIVE) {
      // A contained account may be an attacker's: a reset would hand it a fresh factor before an
      // analyst has looked. The analyst releases it first.
      throw notAllowed(
          "the account is contained (" + account.containment() + "): an analyst decides first");
    }
    if (!Scopes.reaches(
        helpdesk.role(),
        helpdesk.organizationKind(),
        new OrganizationId(helpdesk.organizationId()),
        new OrganizationId(account.organizationId()))) {
      // The 2024 breach began with a reset; a helpdesk resets only the organizations it serves.
      throw notAllowed(
          "a helpdesk of a "
              + helpdesk.organizationKind()
              + " organization resets accounts of its own organization only");
    }
    if (account.id().equals(helpdesk.accountId()) || NOT_BY_HELPDESK.contains(account.role())) {
      throw notAllowed(
          "a helpdesk account resets neither itself nor a " + account.role() + " account");
    }
    Instant now = clock.instant();
    Optional<String> ownerEmail = contacts.openEmail(account.id(), now);
    List<UUID> managers =
        accounts.managersOf(account.organizationId()).stream()
            .filter(m -> !m.equals(account.id()))
            .toList();
    List<String> managerEmails =
        managers.stream().map(m -> contacts.openEmail(m, now)).flatMap(Optional::stream).toList();
    if (ownerEmail.isEmpty() && managerEmails.isEmpty()) {
      throw notAllowed("neither the owner nor a manager has an address on file to be told");
    }

    String temporaryPassword = temporaryPassword();
    jdbc.update(
        "update staff_account set password_hash = ?, failed_attempts = 0, last_failed_at = null,"
            + " locked_at = null, session_epoch = session_epoch + 1, restricted_until = null"
            + " where id = ?",
        passwords.encode(temporaryPassword),
        account.id());
    secondFactors.revokeAll(account.id());
    jdbc.update(
        "update account_recovery set cancelled_at = ? where account_id = ?"
            + " and completed_at is null and cancelled_at is null",
        Timestamp.from(now),
        account.id());

    UUID recovery = UUID.randomUUID();
    String code = ownerEmail.isPresent() ? recoveryCode() : null;
    jdbc.update(
        "insert into account_recovery (id, account_id, helpdesk_id, started_at, code_hash,"
            + " code_expires_at) values (?, ?, ?, ?, ?, ?)",
        recovery,
        account.id(),
        helpdesk.accountId(),
        Timestamp.from(now),
        code == null ? null : passwords.encode(code),
        code == null ? null : Timestamp.from(now.plus(codeValidity)));

    // Inside the transaction: if a mail cannot be sent, the reset does not happen.
    ownerEmail.ifPresent(
        to -> {
          mail.noticeToOwner(to, now);
          mail.codeToOwner(to, code, codeValidity);
        });
    managerEmails.forEach(to -> mail.noticeToManager(to, account.login(), recovery, now));
    events.publishEvent(
        new IdentityEvent.RecoveryStarted(recovery, account.id(), helpdesk.accountId(), now));
    return new Reset(recovery, temporaryPassword);
  }

  /** A manager of the account's organization approves the new enrollment. */
  @Transactional
  void approve(StaffPrincipal manager, UUID recovery) {
    OpenRecovery open = open(recovery).orElseThrow(Recoveries::notFound);
    StaffAccounts.Account account = accounts.byId(open.account()).orElseThrow(Recoveries::notFound);
    if (manager.role() != Role.MANAGER
        || manager.restricted()
        || !manager.organizationId().equals(account.organizationId())
        || manager.accountId().equals(account.id())) {
      throw notAllowed("only another, unrestricted manager of the same organization approves");
    }
    Instant now = clock.instant();
    jdbc.update(
        "update account_recovery set approved_by = ?, approved_at = ? where id = ?",
        manager.accountId(),
        Timestamp.from(now),
        recovery);
    events.publishEvent(new IdentityEvent.RecoveryApproved(recovery, manager.accountId(), now));
  }

  /**
   * Whether {@code account} may enroll a new second factor now: always if no recovery is open;
   * otherwise once a manager approved, or with the right code (checked here, five tries at most).
   */
  @Transactional(noRollbackFor = VigieException.class)
  void checkEnrollmentAllowed(UUID account, String code) {
    Optional<OpenRecovery> found = openFor(account);
    if (found.isEmpty() || found.get().gatePassed()) {
      return;
    }
    OpenRecovery open = found.get();
    Instant now = clock.instant();
    if (code == null || open.codeHash() == null) {
      throw enrollmentRefused();
    }
    if (open.codeFailures() >= MAX_CODE_FAILURES
        || now.isAfter(open.codeExpiresAt())
        || !passwords.matches(code, open.codeHash())) {
      jdbc.update(
          "update account_recovery set code_failures = code_failures + 1 where id = ?", open.id());
      events.publishEvent(new IdentityEvent.RecoveryCodeFailed(open.id(), now));
      throw enrollmentRefused();
    }
    jdbc.update(
        "update account_recovery set code_verified_at = ? where id = ?",
        Timestamp.from(now),
        open.id());
    events.publishEvent(new IdentityEvent.RecoveryCodeVerified(open.id(), now));
  }

  /** The new factor is confirmed: closes the open recovery and starts the restricted period. */
  @Transactional
  void completeIfOpen(UUID account) {
    Optional<OpenRecovery> found = openFor(account);
    if (found.isEmpty()) {
      return;
    }
    if (!found.get().gatePassed()) {
      throw enrollmentRefused();
    }
    Instant now = clock.instant();
    Instant until = now.plus(restrictedPeriod);
    jdbc.update(
        "update account_recovery set completed_at = ? where id = ?",
        Timestamp.from(now),
        found.get().id());
    jdbc.update(
        "update staff_account set restricted_until = ? where id = ?",
        Timestamp.from(until),
        account);
    events.publishEvent(new IdentityEvent.RecoveryCompleted(found.get().id(), account, until, now));
  }

  private record OpenRecovery(
      UUID id,
      UUID account,
      String codeHash,
      Instant codeExpiresAt,
      int codeFailures,
      boolean codeVerified,
      boolean approved) {
    boolean gatePassed() {
      return approved || codeVerified;
    }

    @Override
    public String toString() {
      return "OpenRecovery[id=" + id + "]";
    }
  }

  private Optional<OpenRecovery> open(UUID recovery) {
    return query("id = ?", recovery);
  }

  private Optional<OpenRecovery> openFor(UUID account) {
    return query("account_id = ?", account);
  }

  private Optional<OpenRecovery> query(String condition, UUID value) {
    return jdbc
        .query(
            "select id, account_id, code_hash, code_expires_at, code_failures,"
                + " code_verified_at is not null as verified, approved_at is not null as approved"
                + " from account_recovery where "
                + condition
                + " and completed_at is null and cancelled_at is null for update",
            (rs, row) ->
                new OpenRecovery(
                    rs.getObject("id", UUID.class),
                    rs.getObject("account_id", UUID.class),
                    rs.getString("code_hash"),
                    StaffAccounts.instant(rs, "code_expires_at"),
                    rs.getInt("code_failures"),
                    rs.getBoolean("verified"),
                    rs.getBoolean("approved")),
            value)
        .stream()
        .findFirst();
  }

  private static String temporaryPassword() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)]);
    }
    return password.toString();
  }

  private static String recoveryCode() {
    return String.format("%08d", RANDOM.nextInt(100_000_000));
  }

  private static VigieException notAllowed(String detail) {
    return new VigieException(ProblemCode.RECOVERY_NOT_ALLOWED, detail);
  }

  private static VigieException notFound() {
    return new VigieException(ProblemCode.RECOVERY_NOT_FOUND, "no open recovery with this id");
  }

  private static VigieException enrollmentRefused() {
    return new VigieException(
        ProblemCode.ENROLLMENT_NOT_ALLOWED,
        "after a reset, a new second factor needs a manager's approval or the mailed code");
  }
}
