package fr.vigie.console;

import fr.vigie.ProblemCode;
import fr.vigie.access.Basis;
import fr.vigie.access.Criterion;
import fr.vigie.access.ReasonCode;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonField;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** The console's French words for Vigie's values; templates call it as {@code @texts}. */
@Component("texts")
public class Texts {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(ZoneId.of("Europe/Paris"));

  /** An instant in Paris time, as the staff read it. */
  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
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
    return switch (role) {
      case ADVISOR -> "Conseiller";
      case MANAGER -> "Manager";
      case SECURITY_ANALYST -> "Analyste sécurité";
      case DPO -> "Délégué à la protection des données";
      case HELPDESK -> "Support";
      case ADMINISTRATOR -> "Administrateur";
      case SUBCONTRACTOR_OPERATOR -> "Opérateur sous-traitant";
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
      default -> "La demande n'a pas abouti (" + code.name() + ").";
    };
  }
}
