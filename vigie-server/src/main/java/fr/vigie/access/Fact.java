package fr.vigie.access;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationId;

/**
 * The three relationships of {@link Facts}, each as a SQL condition on {@code person p} with one
 * bound value taken from the actor. {@link Relationships#facts} and {@link SearchFilter} use the
 * same text, so a fact cannot mean one thing in a read and another in a search.
 */
enum Fact {
  IN_CASELOAD("exists (select 1 from caseload c where c.person_id = p.id and c.advisor_id = ?)"),
  // "is not distinct from": a person with no organization is followed by none, never unknown.
  FOLLOWED_BY_ORGANIZATION("p.organization_id is not distinct from ?"),
  REFERRED_TO_ORGANIZATION(
      "exists (select 1 from referral r where r.person_id = p.id and r.organization_id = ?"
          + " and r.ended_at is null)");

  final String sql;

  Fact(String sql) {
    this.sql = sql;
  }

  /** The value bound to this condition's one placeholder. */
  Object parameter(Actor actor) {
    return parameter(actor.account(), actor.organization());
  }

  /** The value bound for this account of this organization. */
  Object parameter(AccountId account, OrganizationId organization) {
    return switch (this) {
      case IN_CASELOAD -> account.value();
      case FOLLOWED_BY_ORGANIZATION, REFERRED_TO_ORGANIZATION -> organization.value();
    };
  }

  boolean of(Facts facts) {
    return switch (this) {
      case IN_CASELOAD -> facts.inCaseload();
      case FOLLOWED_BY_ORGANIZATION -> facts.followedByOrganization();
      case REFERRED_TO_ORGANIZATION -> facts.referredToOrganization();
    };
  }

  /** The facts in which exactly the facts whose bit is set in {@code bits} hold. */
  static Facts fromBits(int bits) {
    return new Facts(
        (bits & IN_CASELOAD.bit()) != 0,
        (bits & FOLLOWED_BY_ORGANIZATION.bit()) != 0,
        (bits & REFERRED_TO_ORGANIZATION.bit()) != 0);
  }

  int bit() {
    return 1 << ordinal();
  }
}
