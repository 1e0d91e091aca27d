package fr.vigie.breach;

import java.util.List;

/**
 * The notice of GDPR article 34 to one person, in plain French: what happened, only the fields that
 * left for that person, what to do. The same words by email, in the person's space and on paper.
 * Made from field names and the DPO's contact, never from the person's data: the greeting and the
 * address block of a letter are added by the channel.
 */
final class NoticeText {
  /** The subject of the email and the title of the letter. */
  static final String SUBJECT =
      "Information importante : vos données personnelles ont été consultées";

  /** The subject of a complementary notice's email. */
  static final String COMPLEMENT_SUBJECT =
      "Complément d'information : d'autres données personnelles ont été consultées";

  private NoticeText() {}

  static String subject(boolean complementary) {
    return complementary ? COMPLEMENT_SUBJECT : SUBJECT;
  }

  /**
   * The body of the notice.
   *
   * @param fields the names of the fields that left for this person ({@code [a-z_]+})
   * @param from the first day the person's data was read, as a French date
   * @param to the last day, as a French date
   */
  static String body(List<String> fields, String from, String to, String controller, String dpo) {
    StringBuilder text = opening(fields);
    text.append(
        "Un compte utilisé sans autorisation a consulté votre dossier de demandeur d'emploi");
    text.append(period(from, to));
    text.append(". Le compte a été bloqué et l'incident a été déclaré à la CNIL.\n\n");
    text.append("Les informations suivantes vous concernant ont pu être copiées :\n");
    listed(text, fields);
    text.append(
        "\nAucune autre information de votre dossier n'a été consultée lors de cet incident.");
    return advice(text, fields, controller, dpo);
  }

  /**
   * The body of a complementary notice: the incident's investigation found that more fields left
   * for a person already notified; names only those new fields.
   *
   * @param fields the names of the fields no earlier notice of the incident named
   */
  static String complement(
      List<String> fields, String from, String to, String controller, String dpo) {
    StringBuilder text = opening(fields);
    text.append(
        "Nous vous avons informé(e) qu'un compte utilisé sans autorisation avait consulté votre"
            + " dossier de demandeur d'emploi");
    text.append(period(from, to));
    text.append(
        ". En poursuivant l'enquête, nous avons constaté que d'autres informations vous"
            + " concernant ont aussi pu être copiées :\n");
    listed(text, fields);
    text.append(
        "\nElles s'ajoutent à celles de notre premier message. Aucune autre information de votre"
            + " dossier n'a été consultée lors de cet incident.");
    return advice(text, fields, controller, dpo);
  }

  private static StringBuilder opening(List<String> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a notice names at least one field");
    }
    return new StringBuilder("Madame, Monsieur,\n\n");
  }

  private static String period(String from, String to) {
    return from.equals(to) ? " le " + from : " entre le " + from + " et le " + to;
  }

  private static void listed(StringBuilder text, List<String> fields) {
    for (String field : FieldCategories.ordered(fields)) {
      text.append("- ").append(FieldCategories.plain(field)).append('\n');
    }
  }

  private static String advice(
      StringBuilder text, List<String> fields, String controller, String dpo) {
    text.append("\n\nCe que nous vous conseillons :\n");
    if (fields.contains("email") || fields.contains("phone") || fields.contains("address")) {
      text.append(
          "- Méfiez-vous des appels, SMS, courriels et courriers qui vous citent ces informations"
              + " pour gagner votre confiance : nous ne vous demanderons jamais votre mot de passe,"
              + " vos coordonnées bancaires ni un paiement.\n");
    } else {
      text.append(
          "- Méfiez-vous de toute personne qui vous cite ces informations pour gagner votre"
              + " confiance : nous ne vous demanderons jamais votre mot de passe, vos coordonnées"
              + " bancaires ni un paiement.\n");
    }
    if (fields.contains("nir")) {
      text.append(
          "- Votre numéro de sécurité sociale a pu être copié : signalez à votre caisse"
              + " d'assurance maladie toute démarche que vous n'avez pas faite.\n");
    }
    text.append(
        "- En cas de doute, ne répondez pas et contactez votre agence par les moyens habituels.\n");
    text.append(
        "\nVous pouvez voir dans votre espace personnel qui a consulté votre dossier et quand.");
    text.append(" Pour toute question : le délégué à la protection des données de ");
    text.append(controller).append(", ").append(dpo).append(".\n");
    return text.toString();
  }
}
