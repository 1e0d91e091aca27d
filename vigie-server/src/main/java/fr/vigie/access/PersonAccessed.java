package fr.vigie.access;

import fr.vigie.identity.AccountId;
import fr.vigie.registry.PersonField;
import fr.vigie.registry.PersonId;
import java.time.Instant;
import java.util.Set;

/**
 * Published after every read, search hit and update of a person, allowed or not, for the detectors:
 * ids, fields and the decision's basis, no data.
 *
 * @param basis why it was allowed, or null when it was refused
 */
public record PersonAccessed(
    AccountId account,
    PersonId person,
    Action action,
    Set<PersonField> fields,
    Basis basis,
    Instant at) {}
