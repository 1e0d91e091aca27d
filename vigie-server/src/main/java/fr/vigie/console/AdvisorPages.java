package fr.vigie.console;

import fr.vigie.FieldText;
import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.CaseloadPage;
import fr.vigie.access.Criterion;
import fr.vigie.access.Justification;
import fr.vigie.access.Management;
import fr.vigie.access.PersonReads;
import fr.vigie.access.PersonView;
import fr.vigie.access.Purpose;
import fr.vigie.access.ReasonCode;
import fr.vigie.registry.PersonField;
import fr.vigie.registry.PersonId;
import fr.vigie.registry.RegistrationCategory;
import fr.vigie.registry.Registry;
import fr.vigie.web.CurrentActor;
import fr.vigie.web.PersonSearch;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The advisor's pages: search by one exact criterion, the person's card (the fields the policy
 * shows, masked as it says), break-the-glass with a reason and a text, the caseload (audited, as by
 * the API). Every read is {@link PersonReads}'. A search is posted and its results cross the
 * redirect as a flash attribute, so neither the criterion nor a result is in a URL or the browser's
 * history.
 */
@Controller
class AdvisorPages {
  /** The caseload's page size. */
  static final int CASELOAD_PAGE = 50;

  private final PersonSearch search;
  private final PersonReads reads;
  private final Management management;
  private final CurrentActor actors;
  private final Texts texts;

  AdvisorPages(
      PersonSearch search,
      PersonReads reads,
      Management management,
      CurrentActor actors,
      Texts texts) {
    this.search = search;
    this.reads = reads;
    this.management = management;
    this.actors = actors;
    this.texts = texts;
  }

  /**
   * A person's fields in the order of the card; those the policy withholds have no value. The
   * editable ones are those an update may change that this read showed: the update path checks the
   * policy again.
   */
  record Card(PersonId id, String basis, List<Line> lines) {
    static Card of(PersonView view, Texts texts) {
      List<Line> lines =
          java.util.Arrays.stream(PersonField.values())
              .map(f -> new Line(f, texts.field(f), view.fields().get(f)))
              .toList();
      return new Card(view.id(), texts.basis(view.basis()), lines);
    }

    public List<Line> editable() {
      return lines.stream()
          .filter(l -> l.value() != null && Registry.UPDATABLE.contains(l.field()))
          .toList();
    }

    /** One field's value as shown, or null if withheld; templates call it by the field's name. */
    public String value(String field) {
      return lines.get(PersonField.valueOf(field).ordinal()).value();
    }
  }

  /** One field: its label and value, null when the policy does not show it. */
  record Line(PersonField field, String label, String value) {}

  @ModelAttribute("criteria")
  Criterion[] criteria() {
    return Criterion.values();
  }

  @ModelAttribute("categories")
  RegistrationCategory[] categories() {
    return RegistrationCategory.values();
  }

  @ModelAttribute("reasons")
  ReasonCode[] reasons() {
    return ReasonCode.values();
  }

  @GetMapping("/console/recherche")
  String searchForm() {
    return "console/recherche";
  }

  @PostMapping("/console/recherche")
  String search(
      @RequestParam(required = false) Criterion criterion,
      @RequestParam(defaultValue = "") String value,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate birthDate,
      RedirectAttributes redirect) {
    List<Card> found =
        search.find(actors.require(), criterion, value, birthDate, Purpose.FOLLOW_UP).stream()
            .map(view -> Card.of(view, texts))
            .toList();
    redirect.addFlashAttribute("results", found);
    return "redirect:/console/recherche";
  }

  /** The card, read now; or the card a justified read just disclosed, crossing its redirect. */
  @GetMapping("/console/personnes/{id}")
  String person(@PathVariable String id, Model model, HttpServletResponse response) {
    PersonId person = personId(id);
    if (model.getAttribute("card") instanceof Card justified && person.equals(justified.id())) {
      return "console/personne";
    }
    try {
      model.addAttribute(
          "card",
          Card.of(
              reads.read(actors.require(), person, Purpose.FOLLOW_UP, Optional.empty()), texts));
      return "console/personne";
    } catch (VigieException e) {
      if (e.code() != ProblemCode.JUSTIFICATION_REQUIRED) {
        throw e;
      }
      response.setStatus(e.code().httpStatus());
      model.addAttribute("personId", id);
      return "console/justification";
    }
  }

  @PostMapping("/console/personnes/{id}/lecture")
  String justifiedRead(
      @PathVariable String id,
      @RequestParam(required = false) ReasonCode reason,
      @RequestParam(defaultValue = "") String text,
      RedirectAttributes redirect) {
    PersonView view =
        reads.read(
            actors.require(),
            personId(id),
            Purpose.FOLLOW_UP,
            Optional.of(new Justification(reason, text)));
    redirect.addFlashAttribute("card", Card.of(view, texts));
    return "redirect:/console/personnes/" + view.id();
  }

  /**
   * Changes one field of the card through the same path as {@code PATCH /api/persons/{id}}: guard,
   * policy (the field must be one the advisor may change), the registration rules, ceilings, audit.
   * The card is read afresh after the redirect; a refusal is told on the card.
   */
  @PostMapping("/console/personnes/{id}/mise-a-jour")
  String update(
      @PathVariable String id,
      @RequestParam(required = false) PersonField field,
      @RequestParam(defaultValue = "") String value,
      RedirectAttributes redirect) {
    PersonId person = personId(id);
    if (field == null) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "field");
    }
    try {
      FieldText.line(field.column(), value, field.maxLength());
      reads.update(
          actors.require(),
          person,
          Map.of(field, value.strip()),
          Purpose.FOLLOW_UP,
          Optional.empty());
      redirect.addFlashAttribute("notice", texts.field(field) + " : modification enregistrée.");
    } catch (VigieException e) {
      redirect.addFlashAttribute("error", texts.updateProblem(field, e.code()));
    }
    return "redirect:/console/personnes/" + person;
  }

  @GetMapping("/console/portefeuille")
  String caseload(@RequestParam(defaultValue = "0") int offset, Model model) {
    CaseloadPage page = management.ownCaseload(actors.require(), CASELOAD_PAGE, offset);
    model.addAttribute("page", page);
    model.addAttribute("next", offset + CASELOAD_PAGE);
    return "console/portefeuille";
  }

  private static PersonId personId(String text) {
    return ConsoleIds.person(text);
  }
}
