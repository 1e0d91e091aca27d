package fr.vigie.portal;

import fr.vigie.access.Self;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The pages of the person's space, in French, rendered on the server with no script. */
@Controller
class SpacePages {
  static final String HOME = "/space";
  static final String WELCOME = "/space/signin";
  static final String REFUSED = "/space/refused";
  static final String SIGNED_OUT = "/space/signed-out";
  static final String COPY = "/space/copie";

  /** Where a request to sign in lands while the persons' provider cannot be reached. */
  static final String UNAVAILABLE = SpaceSecurity.SIGN_IN;

  /** The register's fields as the person reads them. */
  static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("identifier", "Identifiant France Travail"),
          Map.entry("nir", "Numéro de sécurité sociale"),
          Map.entry("sex", "Sexe"),
          Map.entry("birth_name", "Nom de naissance"),
          Map.entry("usual_name", "Nom d'usage"),
          Map.entry("first_names", "Prénoms"),
          Map.entry("birth_date", "Date de naissance"),
          Map.entry("birth_place", "Lieu de naissance (code INSEE)"),
          Map.entry("email", "Adresse électronique"),
          Map.entry("phone", "Téléphone"),
          Map.entry("address", "Adresse postale"),
          Map.entry("category", "Catégorie d'inscription"),
          Map.entry("registered_on", "Inscrit depuis le"),
          Map.entry("left_on", "Fin d'inscription"));

  private final OwnFile file;
  private final ReadFlags flags;
  private final SpaceRequests requests;

  SpacePages(OwnFile file, ReadFlags flags, SpaceRequests requests) {
    this.file = file;
    this.flags = flags;
    this.requests = requests;
  }

  @GetMapping(WELCOME)
  String welcome(Model model) {
    model.addAttribute("signIn", SpaceSecurity.SIGN_IN);
    return "space/welcome";
  }

  @GetMapping(UNAVAILABLE)
  String unavailable(HttpServletResponse response) {
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(SpaceProvider.RETRY.toSeconds()));
    return "space/unavailable";
  }

  @GetMapping(REFUSED)
  String refused() {
    return "space/refused";
  }

  @GetMapping(SIGNED_OUT)
  String signedOut() {
    return "space/signed-out";
  }

  @GetMapping(HOME)
  String home(Model model) {
    Self self = requests.self();
    model.addAttribute("labels", LABELS);
    model.addAttribute("data", file.data(self));
    model.addAttribute("journal", file.journal(self));
    model.addAttribute("flagged", file.flagged(self));
    model.addAttribute("notices", file.notices(self));
    model.addAttribute("signedIn", true);
    return "space/home";
  }

  /** Where the person asks for the copy of article 15: the files are the API's, as attachments. */
  @GetMapping(COPY)
  String copy(Model model) {
    model.addAttribute("signedIn", true);
    return "space/copy";
  }

  @PostMapping("/space/flags")
  String flag(@RequestParam long entry, RedirectAttributes next) {
    flags.flag(requests.self(), entry);
    next.addFlashAttribute("flaggedNow", true);
    return "redirect:" + HOME;
  }
}
