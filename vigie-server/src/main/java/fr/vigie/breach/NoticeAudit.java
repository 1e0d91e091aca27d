package fr.vigie.breach;

import fr.vigie.access.Actor;
import fr.vigie.audit.AuditAction;
import fr.vigie.audit.AuditDecision;
import fr.vigie.audit.AuditEvent;
import fr.vigie.audit.AuditLog;
import fr.vigie.registry.PersonId;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The audit entries of the notices: {@code NOTICE.<WHAT>.<INCIDENT>} as an operation ({@code
 * ADMIN}), with the person's pseudonymous id and the field names a notice named, never its address
 * or its words. Fails closed like every append.
 */
@Component
class NoticeAudit {
  private final AuditLog audit;
  private final Clock clock;

  NoticeAudit(AuditLog audit, Optional<Clock> clock) {
    this.audit = audit;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  void append(
      Actor actor,
      String what,
      IncidentId incident,
      PersonId person,
      List<String> fields,
      AuditDecision decision) {
    audit.append(
        new AuditEvent(
            clock.instant(),
            actor.account().toString(),
            AuditAction.ADMIN,
            person == null ? null : person.toString(),
            fields,
            what + "." + incident.value().toString().toUpperCase(Locale.ROOT),
            decision,
            actor.channel().network(),
            actor.organization().value().toString()));
  }
}
