package fr.vigie.breach;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The register's fields in the words of the regulator's form (categories of data) and of a letter
 * to a person (what left, in plain French).
 */
final class FieldCategories {
  /** A category of the CNIL's form and the fields that fall in it. */
  record Category(String name, List<String> fields) {}

  static final List<Category> CATEGORIES =
      List.of(
          new Category("Identifiant France Travail", List.of("identifier")),
          new Category("Numéro de sécurité sociale (NIR)", List.of("nir")),
          new Category(
              "État civil (nom, prénoms, sexe, date et lieu de naissance)",
              List.of(
                  "birth_name", "usual_name", "first_names", "sex", "birth_date", "birth_place")),
          new Category(
              "Coordonnées (adresse électronique, téléphone, adresse postale)",
              List.of("email", "phone", "address")),
          new Category(
              "Situation d'inscription (catégorie, dates d'inscription et de sortie)",
              List.of("category", "registered_on", "left_on")));

  private static final Map<String, String> PLAIN = new LinkedHashMap<>();

  static {
    PLAIN.put("identifier", "votre identifiant France Travail");
    PLAIN.put("nir", "votre numéro de sécurité sociale");
    PLAIN.put("sex", "votre sexe");
    PLAIN.put("birth_name", "votre nom de naissance");
    PLAIN.put("usual_name", "votre nom d'usage");
    PLAIN.put("first_names", "vos prénoms");
    PLAIN.put("birth_date", "votre date de naissance");
    PLAIN.put("birth_place", "votre lieu de naissance");
    PLAIN.put("email", "votre adresse électronique");
    PLAIN.put("phone", "votre numéro de téléphone");
    PLAIN.put("address", "votre adresse postale");
    PLAIN.put("category", "votre catégorie d'inscription");
    PLAIN.put("registered_on", "votre date d'inscription");
    PLAIN.put("left_on", "votre date de sortie des listes");
  }

  private FieldCategories() {}

  /** The field in a letter's words; the field's own name for one this list does not know. */
  static String plain(String field) {
    return PLAIN.getOrDefault(field, field);
  }

  /** The fields in the order a letter lists them: the register's order. */
  static List<String> ordered(java.util.Collection<String> fields) {
    return PLAIN.keySet().stream().filter(fields::contains).toList();
  }
}
