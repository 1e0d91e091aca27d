package fr.vigie.console;

import fr.vigie.detection.Signal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector's reason as a French sentence the analyst reads: the detectors speak codes and English
 * figures (for the API and the logs); the console says what happened. The code stays beside it.
 */
final class AlertReasons {
  /**
   * What {@code detection.Limit.explain} writes: "more than 10 distinct persons within 1 minute".
   */
  private static final Pattern CEILING =
      Pattern.compile("more than (\\d+) (.+) within (\\d+) (minute|hour|day)s?");

  private static final String CEILING_PREFIX = "ceiling:";

  private AlertReasons() {}

  static String french(Signal signal) {
    String detector = signal.detector();
    if (detector.startsWith(CEILING_PREFIX)) {
      return ceiling(detector.substring(CEILING_PREFIX.length()), signal.reason());
    }
    return switch (detector) {
      case "accumulated-outside" ->
          "Des lectures hors portefeuille accumulées sur plusieurs jours, au-delà de l'habitude du"
              + " compte.";
      case "accumulated-volume" ->
          "Un volume de personnes lues accumulé sur plusieurs jours, au-delà de l'habitude du"
              + " compte.";
      case "off-hours" -> "Des personnes lues la nuit ou le week-end, plus que d'habitude.";
      case "off-hours-again" ->
          "Des personnes lues la nuit ou le week-end plus que d'habitude, pour la deuxième fois"
              + " de la semaine.";
      case "own-hours" ->
          "Des personnes lues à des heures de la semaine où ce compte n'a jamais travaillé.";
      case "broken-glass" -> "Plus de lectures hors portefeuille justifiées que d'habitude.";
      case "pace" -> "Des personnes sans rendez-vous lues à un rythme inhabituel dans l'heure.";
      case "volume" -> "Plus de personnes distinctes lues en 24 heures que d'habitude.";
      case "hour-volume" ->
          "Plus de personnes distinctes lues en une heure que ce compte n'en lit en une journée"
              + " entière, même la plus chargée.";
      case "unexplained" ->
          "Une part inhabituelle de personnes lues sans lien de rendez-vous ni de portefeuille.";
      case "enumeration" ->
          "Des recherches en série, vides ou sans rapport avec les fiches ouvertes : une"
              + " énumération.";
      case "hours" -> "Des lectures à une heure où ni ce compte ni ses pairs ne travaillent.";
      case "new-device" -> "Un appareil ou un réseau nouveau pour ce compte.";
      case "unfamiliar-place" -> "Un appareil et un réseau récents, d'où beaucoup est lu.";
      case "moved-office-pc" ->
          "Un poste qui n'a jamais quitté le réseau du bureau, utilisé depuis un réseau qu'aucun"
              + " autre compte n'utilise.";
      case "nobody-met" ->
          "Beaucoup de personnes lues aujourd'hui, aucune avec un rendez-vous : personne reçu.";
      case "two-places" -> "Le compte utilisé depuis deux réseaux à quelques secondes d'écart.";
      case "dormant" -> "Un compte inactif depuis plus de 30 jours qui reprend.";
      case "after-recovery" ->
          "Un compte utilisé peu après une réinitialisation par le support, comme en 2024.";
      case "never-read" ->
          "Des personnes que ce compte n'avait jamais lues, sans relation qui l'explique, plus que"
              + " d'habitude ces derniers jours.";
      case "accumulated-never-read" ->
          "Des personnes jamais lues auparavant, accumulées sur plusieurs jours au-delà de"
              + " l'habitude du compte.";
      case "searched-nobody" ->
          "Des recherches qui ne trouvent personne que ce compte puisse voir, plus que d'habitude"
              + " ces derniers jours.";
      case "accumulated-searched-nobody" ->
          "Des recherches sans résultat accumulées sur plusieurs jours au-delà de l'habitude du"
              + " compte.";
      case "quick-pace" ->
          "Des personnes sans rendez-vous lues en quelques minutes, bien plus vite que d'habitude.";
      case "half-new-place" ->
          "Un appareil ou un réseau récent, utilisé à côté des habituels ou la nuit, d'où"
              + " beaucoup est lu.";
      case "woken-away" ->
          "Un compte sorti d'une longue inactivité, depuis un lieu qui n'est pas le sien, qui lit"
              + " plus que sa journée habituelle.";
      case "after-step-up" ->
          "Après une double authentification réussie ou une réinitialisation par l'assistance, les"
              + " lectures ont continué bien au-delà du rythme habituel du compte.";
      case "throttled-again" ->
          "Compte ralenti depuis un jour précédent, non libéré par un analyste, et de nouveaux"
              + " signaux aujourd'hui.";
      case "organization-rise" ->
          "Plusieurs comptes de la même structure lisent en même temps bien plus que d'habitude.";
      case "shared-persons" ->
          "Les mêmes personnes lues par plusieurs comptes que rien ne relie à elles.";
      case "new-places" ->
          "Plusieurs comptes, le même jour, chacun depuis un appareil et un réseau qu'il n'avait"
              + " jamais utilisés : des identifiants volés utilisés depuis d'autres machines.";
      case "register-walk" ->
          "Des personnes lues l'une après l'autre dans l'ordre du registre : un parcours du"
              + " fichier.";
      case "person-flag" ->
          "Des personnes signalent des consultations qu'elles ne reconnaissent pas.";
      default -> "Un signal du détecteur « " + detector + " ».";
    };
  }

  private static String ceiling(String name, String explained) {
    Matcher m = CEILING.matcher(explained);
    if (!m.matches()) {
      return "Plafond « " + name + " » franchi.";
    }
    return "Plafond franchi : plus de "
        + m.group(1)
        + " "
        + measure(m.group(2))
        + " en "
        + window(Integer.parseInt(m.group(3)), m.group(4))
        + ".";
  }

  private static String measure(String english) {
    return switch (english) {
      case "distinct persons" -> "personnes distinctes";
      case "distinct persons outside the caseload" -> "personnes distinctes hors portefeuille";
      case "searches" -> "recherches";
      case "searches that found nobody" -> "recherches sans résultat";
      case "accesses" -> "accès";
      case "changes to caseloads and referrals" -> "changements de portefeuille ou d'orientation";
      default -> english;
    };
  }

  private static String window(int count, String unit) {
    String french =
        switch (unit) {
          case "minute" -> "minute";
          case "hour" -> "heure";
          default -> "jour";
        };
    return count + " " + french + (count > 1 ? "s" : "");
  }
}
