package fr.vigie.identity;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The console's paths as the security configuration and the guard see them: which are public, which
 * are sign-in steps, which show personal data. Pages answer a refusal with a redirect to a page
 * that says why, where the API answers a problem.
 */
public final class ConsolePaths {
  /** Where the console lives. */
  public static final String ROOT = "/console";

  /** The password page. */
  public static final String SIGN_IN = ROOT + "/connexion";

  /** The guard's page: a step-up to give, a throttle to wait out. */
  public static final String GUARD = ROOT + "/garde";

  /** Where a refused page lands. */
  public static final String REFUSED = ROOT + "/refus";

  /** Sign-out. */
  public static final String SIGN_OUT = ROOT + "/deconnexion";

  static final String[] PUBLIC = {SIGN_IN, SIGN_OUT, REFUSED, ROOT + "/assets/**", "/webjars/**"};
  static final String[] SIGN_IN_STEPS = {SIGN_IN + "/**"};
  static final String[] ANALYST = {ROOT + "/alertes", ROOT + "/alertes/**", ROOT + "/activite"};
  static final String[] HELPDESK = {ROOT + "/assistance", ROOT + "/assistance/**"};
  static final String[] ADMINISTRATOR = {ROOT + "/administration", ROOT + "/administration/**"};
  static final String[] RECOVERY_APPROVALS = {ROOT + "/recuperations", ROOT + "/recuperations/**"};
  static final String[] PERSONAL_DATA = {
    ROOT + "/recherche",
    ROOT + "/personnes/**",
    ROOT + "/portefeuille",
    ROOT + "/revue/**",
    ROOT + "/journal",
    ROOT + "/equipe",
    ROOT + "/equipe/**",
    ROOT + "/delegations",
    ROOT + "/delegations/**",
    ROOT + "/incidents",
    ROOT + "/incidents/**",
    ROOT + "/conservation"
  };

  private ConsolePaths() {}

  static boolean isConsole(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.equals(ROOT) || path.startsWith(ROOT + "/");
  }

  /** What a held account (a step-up not given, a throttle) still reaches. */
  static boolean open(String path) {
    return path.equals(SIGN_IN)
        || path.startsWith(SIGN_IN + "/")
        || path.equals(GUARD)
        || path.equals(SIGN_OUT)
        || path.equals(REFUSED)
        || path.startsWith(ROOT + "/assets/")
        || path.startsWith("/webjars/");
  }

  /** What a throttled account still reaches, at the throttle's pace that the read path keeps. */
  static boolean paced(String path) {
    return path.equals(ROOT + "/recherche")
        || path.equals(ROOT + "/portefeuille")
        || path.equals(ROOT + "/revue")
        || path.equals(ROOT + "/journal")
        || path.startsWith(ROOT + "/revue/")
        || path.startsWith(ROOT + "/personnes/");
  }
}
