package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.registry.PersonId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One containment as the security analyst sees it: the account, what happened to it and why, and
 * the persons it touched in the day before (pseudonymous ids).
 *
 * @param status OPEN, RELEASED (a false alarm) or CONFIRMED (compromised)
 */
public record Alert(
    UUID id,
    AccountId account,
    Instant raisedAt,
    ContainmentState state,
    int score,
    List<Signal> reasons,
    List<PersonId> touched,
    String status) {}
