package fr.vigie.access;

import static fr.vigie.registry.PersonField.ADDRESS;
import static fr.vigie.registry.PersonField.BIRTH_DATE;
import static fr.vigie.registry.PersonField.BIRTH_NAME;
import static fr.vigie.registry.PersonField.CATEGORY;
import static fr.vigie.registry.PersonField.EMAIL;
import static fr.vigie.registry.PersonField.FIRST_NAMES;
import static fr.vigie.registry.PersonField.IDENTIFIER;
import static fr.vigie.registry.PersonField.LEFT_ON;
import static fr.vigie.registry.PersonField.NIR;
import static fr.vigie.registry.PersonField.PHONE;
import static fr.vigie.registry.PersonField.REGISTERED_ON;
import static fr.vigie.registry.PersonField.SEX;
import static fr.vigie.registry.PersonField.USUAL_NAME;
import static java.util.Objects.requireNonNull;

import fr.vigie.access.Decision.Allow;
import fr.vigie.access.Decision.Deny;
import fr.vigie.access.Decision.JustificationRequired;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.identity.Scopes;
import fr.vigie.registry.PersonField;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see which fields of whom: a pure function of the actor, the action, the relationships and
 * the purpose. Reads and searches both go through it; {@link SearchFilter} derives its SQL from it,
 * so a search can never return a person a read would refuse.
 */
public final class AccessPolicy {
  /** What a partner's mission needs: no NIR, no birth place, no sex, no registration dates. */
  static final Set<PersonField> PARTNER_FIELDS =
      EnumSet.of(
          IDENTIFIER,
          BIRTH_NAME,
          USUAL_NAME,
          FIRST_NAMES,
          BIRTH_DATE,
          EMAIL,
          PHONE,
          ADDRESS,
          CATEGORY);

  /** What a manager needs to tell whom an access was about: no contact details, no birth place. */
  static final Set<PersonField> REVIEW_FIELDS =
      EnumSet.of(
          IDENTIFIER,
          NIR,
          SEX,
          BIRTH_NAME,
          USUAL_NAME,
          FIRST_NAMES,
          BIRTH_DATE,
          CATEGORY,
          REGISTERED_ON,
          LEFT_ON);

  /**
   * What a document-digitization subcontractor needs to match documents to persons: the names and
   * the birth date, and the NIR masked as everywhere outside a caseload's registration check; no
   * contact details, no address. The batch's token links a document back to its person.
   */
  static final Set<PersonField> EXCHANGE_FIELDS =
      EnumSet.of(BIRTH_NAME, USUAL_NAME, FIRST_NAMES, BIRTH_DATE);

  /**
   * What an article 34 notice needs to reach the person: the email address, or the names and the
   * postal address of a letter (the birth name when there is no usual name). Nothing else.
   */
  static final Set<PersonField> NOTICE_FIELDS =
      EnumSet.of(BIRTH_NAME, USUAL_NAME, FIRST_NAMES, EMAIL, ADDRESS);

  private AccessPolicy() {}

  /**
   * Decides whether {@code actor} may do {@code action} to a person with these {@code facts}, for
   * {@code purpose}. A justification counts only where one is required (an agency advisor reading
   * or updating a person of its organization outside its caseload); a search never takes one.
   */
  public static Decision decide(
      Actor actor,
      Action action,
      Facts facts,
      Purpose purpose,
      Optional<Justification> justification) {
    requireNonNull(actor, "actor is null");
    requireNonNull(action, "action is null");
    requireNonNull(facts, "facts is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(justification, "justification is null");
    // A hijacked account is most often one just recovered: until its second factor is enrolled
    // again it reads nothing, whatever its role.
    if (actor.restricted()) {
      return new Deny(DenyReason.ACCOUNT_RESTRICTED);
    }
    return switch (actor.role()) {
      case ADVISOR ->
          switch (actor.organizationKind()) {
            case FRANCE_TRAVAIL_AGENCY -> agencyAdvisor(action, facts, purpose, justification);
            case CAP_EMPLOI, MISSION_LOCALE -> partnerAdvisor(facts, purpose);
            case SUBCONTRACTOR -> new Deny(DenyReason.ORGANIZATION_NOT_ALLOWED);
          };
      case MANAGER -> manager(actor.organizationKind(), action, facts, purpose);
      case DPO -> dpo(actor.organizationKind(), action, facts, purpose);
      // None of these needs a person's file; breach work scopes incidents from the audit log.
      case SECURITY_ANALYST, HELPDESK, ADMINISTRATOR -> new Deny(DenyReason.ROLE_NOT_ALLOWED);
      case SUBCONTRACTOR_OPERATOR ->
          subcontractorOperator(actor.organizationKind(), action, facts, purpose);
    };
  }

  /**
   * A subcontractor's operator reads nothing on the register's own channels; for an exchange batch,
   * the persons referred to its organization, the fields of {@link #EXCHANGE_FIELDS} and the masked
   * NIR, never changed.
   */
  private static Decision subcontractorOperator(
      OrganizationKind kind, Action action, Facts facts, Purpose purpose) {
    if (purpose != Purpose.EXCHANGE) {
      return new Deny(DenyReason.ROLE_NOT_ALLOWED);
    }
    if (kind != OrganizationKind.SUBCONTRACTOR) {
      return new Deny(DenyReason.ORGANIZATION_NOT_ALLOWED);
    }
    if (action == Action.UPDATE) {
      return new Deny(DenyReason.ACTION_NOT_ALLOWED);
    }
    if (!facts.referredToOrganization()) {
      return new Deny(DenyReason.NO_RELATIONSHIP);
    }
    Map<PersonField, Visibility> fields = clear(EXCHANGE_FIELDS);
    fields.put(NIR, Visibility.MASKED);
    return new Allow(fields, Basis.REFERRAL);
  }

  /**
   * The DPO scopes incidents from the audit log and reads no file, except to send the notice of
   * article 34: the contact fields of {@link #NOTICE_FIELDS}, one read of a person whose notice the
   * outbox holds claimed now; never a search, never a change. The controller's DPO only. Anything
   * else is refused as for the roles that read no one.
   */
  private static Decision dpo(OrganizationKind kind, Action action, Facts facts, Purpose purpose) {
    boolean notice =
        purpose == Purpose.BREACH_NOTICE
            && action == Action.READ
            && Scopes.national(kind, Role.DPO)
            && facts.noticeDue();
    return notice
        ? new Allow(clear(NOTICE_FIELDS), Basis.NOTICE)
        : new Deny(DenyReason.ROLE_NOT_ALLOWED);
  }

  private static Decision agencyAdvisor(
      Action action, Facts facts, Purpose purpose, Optional<Justification> justification) {
    boolean purposeAllowed =
        switch (purpose) {
          case FOLLOW_UP, REGISTRATION_CHECK -> true;
          case REVIEW, INCIDENT_RESPONSE, EXCHANGE, SELF, ARTICLE_15, BREACH_NOTICE -> false;
        };
    if (!purposeAllowed) {
      return new Deny(DenyReason.PURPOSE_NOT_ALLOWED);
    }
    // Referrals go from agencies to partners, never to an agency: they grant an agency nothing.
    // A caseload row left behind after the person moved to another agency grants nothing either.
    if (!facts.followedByOrganization()) {
      return new Deny(DenyReason.NO_RELATIONSHIP);
    }
    if (facts.inCaseload()) {
      Visibility nir = purpose.needsClearNir() ? Visibility.CLEAR : Visibility.MASKED;
      return new Allow(allFieldsWithNir(nir), Basis.CASELOAD);
    }
    // A manager's cover, session or desk list, for the time it holds: explained work, no glass to
    // break; the NIR stays masked as for any read outside the caseload.
    if (facts.timeBoxed() && action != Action.SEARCH) {
      return new Allow(allFieldsWithNir(Visibility.MASKED), Basis.TIME_BOXED);
    }
    return switch (action) {
      // A search shows only what may be read now: a justification is given for one person the
      // advisor names exactly, never for a result list.
      case SEARCH -> new Deny(DenyReason.NOT_IN_CASELOAD);
      case READ, UPDATE ->
          justification.isPresent()
              ? new Allow(allFieldsWithNir(Visibility.MASKED), Basis.JUSTIFICATION)
              : new JustificationRequired();
    };
  }

  private static Decision partnerAdvisor(Facts facts, Purpose purpose) {
    boolean purposeAllowed =
        switch (purpose) {
          case FOLLOW_UP -> true;
          case REGISTRATION_CHECK,
              REVIEW,
              INCIDENT_RESPONSE,
              EXCHANGE,
              SELF,
              ARTICLE_15,
              BREACH_NOTICE ->
              false;
        };
    if (!purposeAllowed) {
      return new Deny(DenyReason.PURPOSE_NOT_ALLOWED);
    }
    // Only referred persons, and no justification path: a partner account read the whole
    // register in 2024.
    if (!facts.referredToOrganization()) {
      return new Deny(DenyReason.NO_RELATIONSHIP);
    }
    return new Allow(clear(PARTNER_FIELDS), Basis.REFERRAL);
  }

  private static Decision manager(
      OrganizationKind kind, Action action, Facts facts, Purpose purpose) {
    boolean organizationAllowed =
        switch (kind) {
          case FRANCE_TRAVAIL_AGENCY, CAP_EMPLOI, MISSION_LOCALE -> true;
          case SUBCONTRACTOR -> false;
        };
    if (!organizationAllowed) {
      return new Deny(DenyReason.ORGANIZATION_NOT_ALLOWED);
    }
    boolean actionAllowed =
        switch (action) {
          case READ, SEARCH -> true;
          case UPDATE -> false;
        };
    if (!actionAllowed) {
      return new Deny(DenyReason.ACTION_NOT_ALLOWED);
    }
    boolean purposeAllowed =
        switch (purpose) {
          case REVIEW -> true;
          case FOLLOW_UP,
              REGISTRATION_CHECK,
              INCIDENT_RESPONSE,
              EXCHANGE,
              SELF,
              ARTICLE_15,
              BREACH_NOTICE ->
              false;
        };
    if (!purposeAllowed) {
      return new Deny(DenyReason.PURPOSE_NOT_ALLOWED);
    }
    if (!facts.followedByOrganization()) {
      return new Deny(DenyReason.NO_RELATIONSHIP);
    }
    Map<PersonField, Visibility> fields = clear(REVIEW_FIELDS);
    fields.put(NIR, Visibility.MASKED);
    return new Allow(fields, Basis.REVIEW);
  }

  private static Map<PersonField, Visibility> allFieldsWithNir(Visibility nir) {
    Map<PersonField, Visibility> fields = clear(EnumSet.allOf(PersonField.class));
    fields.put(NIR, nir);
    return fields;
  }

  private static Map<PersonField, Visibility> clear(Set<PersonField> fields) {
    Map<PersonField, Visibility> map = new EnumMap<>(PersonField.class);
    fields.forEach(field -> map.put(field, Visibility.CLEAR));
    return map;
  }

  /**
   * Why {@code actor} may not refer the person of {@code facts} to an organization of kind {@code
   * target}, or empty when it may: the rule management applies to a referral.
   */
  public static Optional<DenyReason> referral(
      Actor actor, Facts facts, fr.vigie.identity.OrganizationKind target) {
    return ManagementRules.referral(actor, facts, target);
  }
}
