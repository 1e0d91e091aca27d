package fr.vigie.console;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.Basis;
import fr.vigie.access.Criterion;
import fr.vigie.access.JournalWords;
import fr.vigie.access.ReasonCode;
import fr.vigie.access.TimeBoxedRelationship;
import fr.vigie.breach.Incident;
import fr.vigie.detection.Signal;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.RecoveryDesk;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonField;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/** The console's French words for Vigie's values; templates call it as {@code @texts}. */
@Component("texts")
public class Texts {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(PARIS);
  private static final DateTimeFormatter INPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(PARIS);

  /** An instant in Paris time, as the staff read it. */
  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** What a {@code datetime-local} field shows for {@code instant}, in Paris time. */
  public String localInput(Instant instant) {
    return INPUT.format(instant);
  }

  /** What a {@code datetime-local} field sent, in Paris time; a malformed one is refused. */
  public Instant instant(String local) {
    try {
      return LocalDateTime.parse(local.strip()).atZone(PARIS).toInstant();
    } catch (DateTimeParseException e) {
      throw new VigieException(ProblemCode.FIELD_INVALID, "a date and time: yyyy-MM-ddTHH:mm");
    }
  }

  /** A delegation's kind. */
  public String kind(TimeBoxedRelationship.Kind kind) {
    return switch (kind) {
      case ABSENCE_COVER -> "Remplacement d'un collègue absent";
      case SESSION -> "Atelier ou session collective";
      case RECEPTION -> "Accueil";
    };
  }

  /** Why a manager's change to the team was refused, without personal data. */
  public String teamProblem(ProblemCode code) {
    return switch (code) {
      case FIELD_MISSING, FIELD_INVALID ->
          "La demande est incomplète ou invalide : un remplacement nomme le collègue absent,"
              + " un atelier ou un accueil liste des personnes ; la fin suit le début, 31 jours"
              + " au plus.";
      case PERSON_NOT_FOUND -> "Aucune personne ne correspond à cet identifiant.";
      case ACCESS_DENIED, NOT_PERMITTED ->
          "Refusé : le conseiller et les personnes doivent relever de votre structure.";
      default -> problem(code);
    };
  }

  /** A detector's reason, in French; its code is shown beside it by the page. */
  public String signal(Signal signal) {
    return AlertReasons.french(signal);
  }

  /** Why a change to a person's field was refused, without the value. */
  public String updateProblem(PersonField field, ProblemCode code) {
    return switch (code) {
      case FIELD_INVALID, FIELD_MISSING ->
          field == PersonField.LEFT_ON
              ? "Fin d'inscription refusée : elle est datée d'aujourd'hui, ou corrige une date"
                  + " récente, jamais avant l'inscription (format AAAA-MM-JJ)."
              : field(field) + " : la valeur n'est pas valide ; rien n'a changé.";
      case ACCESS_DENIED, NOT_PERMITTED ->
          field(field) + " : votre rôle ne permet pas de modifier ce champ ; rien n'a changé.";
      default -> problem(code);
    };
  }

  /** Why a declaration or a scope was refused. */
  public String incidentProblem(ProblemCode code) {
    return switch (code) {
      case FIELD_MISSING, FIELD_INVALID ->
          "Déclaration refusée : une référence nouvelle (lettres, chiffres, . _ -), des comptes ou"
              + " une structure (l'un ou l'autre), une fin après le début, 400 jours au plus.";
      case ACCESS_DENIED, NOT_PERMITTED ->
          "Réservé au délégué à la protection des données et aux analystes sécurité nationaux.";
      case SCOPE_NOT_CONFIRMED ->
          "Notifications non préparées : l'exhaustivité d'un périmètre n'est pas encore confirmée"
              + " (vérification du journal en cours, ou échouée). Réessayez une fois chaque"
              + " périmètre « confirmé ».";
      default -> problem(code);
    };
  }

  /** Whether a scope is known to have missed no entry; null (older scopes): a walk, complete. */
  public String completeness(Incident.Completeness completeness) {
    if (completeness == null) {
      return "confirmée";
    }
    return switch (completeness.state()) {
      case PENDING -> "vérification en cours";
      case CONFIRMED -> "confirmée";
      case FAILED -> "échec de la vérification";
    };
  }

  /** Where the last sending of notices started from the console stands. */
  public String sending(NoticeRuns.Run run) {
    return switch (run.state()) {
      case RUNNING -> "Envoi en cours.";
      case DONE ->
          "Envoi terminé : "
              + run.emailed()
              + " courriel(s) et "
              + run.letters()
              + " lettre(s) dans cet envoi.";
      case REFUSED -> "Envoi refusé : " + notificationProblem(run.refusal());
      case STOPPED ->
          "Envoi interrompu par une panne : relancez-le, il reprendra où il s'est arrêté.";
    };
  }

  /** Why a notification draft or a sending of notices was refused. */
  public String notificationProblem(ProblemCode code) {
    return switch (code) {
      case FIELD_MISSING, FIELD_INVALID ->
          "Notification refusée : les quatre textes sont requis, 8 000 caractères au plus"
              + " chacun.";
      case NOTICES_BUSY -> "Un envoi de cet incident est déjà en cours : attendez sa fin.";
      case ACCESS_DENIED, NOT_PERMITTED -> "Réservé au délégué à la protection des données.";
      case INCIDENT_NOT_FOUND -> "Cet incident ou cette version n'existe pas.";
      case SIGN_IN_FAILED -> "Code incorrect : rien n'a été envoyé.";
      default -> problem(code);
    };
  }

  /** A person's field, as a label. */
  public String field(PersonField field) {
    return switch (field) {
      case IDENTIFIER -> "Identifiant France Travail";
      case NIR -> "NIR";
      case SEX -> "Sexe";
      case BIRTH_NAME -> "Nom de naissance";
      case USUAL_NAME -> "Nom d'usage";
      case FIRST_NAMES -> "Prénoms";
      case BIRTH_DATE -> "Date de naissance";
      case BIRTH_PLACE -> "Lieu de naissance";
      case EMAIL -> "Courriel";
      case PHONE -> "Téléphone";
      case ADDRESS -> "Adresse";
      case CATEGORY -> "Catégorie";
      case REGISTERED_ON -> "Inscrit le";
      case LEFT_ON -> "Fin d'inscription";
    };
  }

  /** A person's field named by its column, as a label; an unknown column as it is. */
  public String column(String column) {
    for (PersonField field : PersonField.values()) {
      if (field.column().equals(column)) {
        return field(field);
      }
    }
    return column;
  }

  /** A search criterion. */
  public String criterion(Criterion criterion) {
    return switch (criterion) {
      case IDENTIFIER_EXACT -> "Identifiant France Travail";
      case NIR_EXACT -> "NIR";
      case EMAIL_EXACT -> "Courriel";
      case NAME_AND_BIRTH_DATE -> "Nom et date de naissance";
    };
  }

  /** Why an advisor opens a person outside its caseload. */
  public String reason(ReasonCode reason) {
    return reason.label();
  }

  /** On what relationship a read was allowed. */
  public String basis(Basis basis) {
    return switch (basis) {
      case CASELOAD -> "dans votre portefeuille";
      case REFERRAL -> "orientée vers votre structure";
      case JUSTIFICATION -> "hors portefeuille, avec justification";
      case REVIEW -> "revue par un manager";
      case TIME_BOXED -> "hors portefeuille, relation temporaire accordée par un manager";
      case SELF -> "la personne elle-même";
      case NOTICE -> "notification d'une violation de données";
    };
  }

  /** A staff role. */
  public String role(Role role) {
    return JournalWords.role(role);
  }

  /** The role of a journal's line (a staff role, the person, or unknown), in French. */
  public String journalRole(String code) {
    return JournalWords.role(code);
  }

  /** The organization of a journal's line; one no longer found reads as such. */
  public String journalOrganization(String name) {
    return JournalWords.organization(name);
  }

  /** The purpose of a journal's line, in French. */
  public String purpose(String code) {
    return JournalWords.purpose(code);
  }

  /**
   * A break-the-glass justification as the DPO's journal gives it ({@code CODE: text}, or the code
   * alone once the person is erased), with the reason in French.
   */
  public String justification(String justification) {
    int colon = justification.indexOf(':');
    String code = colon < 0 ? justification : justification.substring(0, colon);
    try {
      return ReasonCode.valueOf(code).label() + (colon < 0 ? "" : justification.substring(colon));
    } catch (IllegalArgumentException unknown) {
      return justification;
    }
  }

  /** The action of a journal's line (read, update), in French. */
  public String journalAction(String action) {
    return "update".equals(action) ? "modification" : "consultation";
  }

  /** The decision of a journal's line, in French. */
  public String journalDecision(String decision) {
    return switch (decision) {
      case "ALLOW" -> "permise";
      case "JUSTIFIED" -> "permise, justifiée";
      case "DENY" -> "refusée";
      default -> "autre";
    };
  }

  /** A kind of organization. */
  public String kind(OrganizationKind kind) {
    return switch (kind) {
      case FRANCE_TRAVAIL_AGENCY -> "Agence France Travail";
      case CAP_EMPLOI -> "Cap emploi";
      case MISSION_LOCALE -> "Mission locale";
      case SUBCONTRACTOR -> "Sous-traitant";
    };
  }

  /** An account's containment. */
  public String containment(ContainmentState state) {
    return switch (state) {
      case ACTIVE -> "actif";
      case STEP_UP -> "second facteur demandé";
      case THROTTLED -> "ralenti";
      case SUSPENDED -> "suspendu";
    };
  }

  /** Where an account recovery stands. */
  public String stage(RecoveryDesk.Stage stage) {
    return switch (stage) {
      case AWAITING_GATE -> "en attente de l'accord d'un manager ou du code reçu par courriel";
      case GATE_PASSED -> "nouveau second facteur autorisé, pas encore enregistré";
      case COMPLETED -> "terminée : compte en période restreinte";
      case CANCELLED -> "remplacée par une réinitialisation plus récente";
    };
  }

  /** What a refusal means for the person at the screen, without personal data. */
  public String problem(ProblemCode code) {
    return switch (code) {
      case ACCOUNT_SUSPENDED ->
          "Votre compte est suspendu : l'activité de ce compte ressemble à une extraction de"
              + " données. Toutes ses sessions sont fermées. Un analyste sécurité va examiner"
              + " l'alerte ; contactez votre manager.";
      case CEILING_REACHED -> "Votre compte a atteint une de ses limites de consultation.";
      case ACCOUNT_THROTTLED ->
          "Votre compte est ralenti par la sécurité : attendez un peu avant la consultation"
              + " suivante.";
      case STEP_UP_REQUIRED -> "Confirmez votre identité avec un nouveau code.";
      case ACCESS_DENIED, NOT_PERMITTED -> "Vous n'avez pas accès à cette page ou à ces données.";
      case JUSTIFICATION_REQUIRED -> "Cette personne n'est pas dans votre portefeuille.";
      case PERSON_NOT_FOUND -> "Aucune personne ne correspond.";
      case PERSON_ERASED -> "Cette personne a été effacée du registre.";
      case SEARCH_CRITERION_INVALID,
          FIELD_MISSING,
          FIELD_INVALID,
          NIR_INVALID,
          IDENTIFIER_INVALID ->
          "La recherche n'est pas valide : vérifiez le critère et la valeur saisie.";
      case SIGN_IN_FAILED -> "Identifiant, mot de passe ou code incorrect.";
      case SIGN_IN_RATE_LIMITED -> "Trop de tentatives depuis cette adresse : patientez.";
      case PASSWORD_TOO_WEAK -> "Le nouveau mot de passe doit compter de 12 à 128 caractères.";
      case PASSWORD_INCORRECT -> "Le mot de passe actuel n'est pas le bon ; rien n'a changé.";
      case ALERT_NOT_FOUND -> "Cette alerte n'est plus ouverte.";
      case ALERT_SUPERSEDED ->
          "Le confinement du compte a augmenté depuis : décidez la nouvelle alerte.";
      case AUDIT_UNAVAILABLE ->
          "Le journal d'audit ne peut pas être écrit : rien n'est affiché. Réessayez plus tard.";
      case RECOVERY_NOT_ALLOWED ->
          "Cette réinitialisation n'est pas permise : le compte est confiné (un analyste décide"
              + " d'abord), hors des structures que vous servez, d'un rôle support ou"
              + " administrateur, ou ni son titulaire ni un manager n'a d'adresse à prévenir.";
      case ROLE_NOT_ALLOWED -> "Ce type de structure ne peut pas avoir un compte de ce rôle.";
      case ORGANIZATION_UNKNOWN -> "Aucune structure ne porte ce code.";
      case RECOVERY_NOT_FOUND -> "Cette récupération n'est plus en cours.";
      case ACCOUNT_NOT_FOUND -> "Aucun compte ne correspond.";
      case ENROLLMENT_NOT_ALLOWED ->
          "Après une réinitialisation, le nouveau second facteur demande l'accord d'un manager"
              + " ou le code reçu par courriel.";
      default -> "La demande n'a pas abouti (" + code.name() + ").";
    };
  }
}
