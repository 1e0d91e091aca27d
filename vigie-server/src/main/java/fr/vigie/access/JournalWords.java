package fr.vigie.access;

import fr.vigie.identity.Role;

/**
 * The French words of an access journal's codes, as a person reads them in their space and copy,
 * and the DPO in the console: the purpose of an access and the role of who made it. A code no word
 * is known for reads as "other", never as the code itself.
 */
public final class JournalWords {
  /** The journal's role of the person's own entries ({@link AccessJournal.Line#own}). */
  public static final String OWN_ROLE = "PERSON";

  /** The purpose the journal gives a break-the-glass access (its reason is shown beside it). */
  public static final String JUSTIFIED = "JUSTIFICATION";

  /** The organization and role the journal gives an account it no longer finds. */
  public static final String UNKNOWN = "unknown";

  private JournalWords() {}

  /** The organization of who made the access, by name; one no longer found reads as such. */
  public static String organization(String name) {
    return name == null || name.equals(UNKNOWN) ? "Organisme inconnu" : name;
  }

  /** Why the access was made, from the code the audit log holds. */
  public static String purpose(String code) {
    if (code == null) {
      return "Motif non précisé";
    }
    if (code.equals(JUSTIFIED)) {
      return "Consultation hors du suivi habituel, avec une justification";
    }
    if (code.equals(PersonReads.IDENTITY_MATCH)) {
      return "Vérification de votre identité à votre première connexion";
    }
    try {
      return purpose(Purpose.valueOf(code));
    } catch (IllegalArgumentException unknown) {
      return "Autre motif";
    }
  }

  /** A purpose of the read path, in French. */
  public static String purpose(Purpose purpose) {
    return switch (purpose) {
      case FOLLOW_UP -> "Suivi de la personne (rendez-vous, offres, formations)";
      case REGISTRATION_CHECK -> "Vérification de l'inscription";
      case REVIEW -> "Contrôle par un responsable d'équipe";
      case INCIDENT_RESPONSE -> "Traitement d'un incident de sécurité";
      case EXCHANGE -> "Envoi au prestataire chargé des documents";
      case SELF -> "Consultation par la personne elle-même";
      case ARTICLE_15 -> "Copie des données demandée par la personne (article 15)";
      case BREACH_NOTICE -> "Envoi d'une information après un incident de sécurité";
    };
  }

  /** Who made the access, by the role the journal gives: a staff role, the person, or unknown. */
  public static String role(String code) {
    if (OWN_ROLE.equals(code)) {
      return "La personne elle-même";
    }
    try {
      return role(Role.valueOf(code));
    } catch (IllegalArgumentException | NullPointerException unknown) {
      return "Fonction inconnue";
    }
  }

  /** A staff role, in French. */
  public static String role(Role role) {
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
}
