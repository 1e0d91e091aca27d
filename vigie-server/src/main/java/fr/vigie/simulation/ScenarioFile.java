package fr.vigie.simulation;

import fr.vigie.identity.OrganizationKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads attack scenarios from JSON files (format in docs/evaluation.md). A plain tree read, never
 * deserialization into arbitrary types; every error names the scenario and the field.
 */
public final class ScenarioFile {
  /** The scenarios shipped with Vigie, in the order of the evaluation table. */
  public static final List<String> BUILT_IN =
      List.of(
          "replay-2024",
          "full-speed-hijacked-pc",
          "low-and-slow-1",
          "low-and-slow-5",
          "low-and-slow-20",
          "low-and-slow-100",
          "enumeration",
          "dormant",
          "new-device-at-night",
          "harvest-owner-pc",
          "dormant-partner-weekend",
          "harvest-many-accounts",
          "coordinated-walk");

  /**
   * One scenario per refusing ceiling, named {@code ceiling-} and the ceiling's name, paced to meet
   * it before any detector contains the account (at weekends, where the ceilings are a quarter of
   * the weekday ones, for the ceilings of persons). The run through the server plays them and shows
   * each refusal as 429 {@code CEILING_REACHED}, audited as {@code CEILING.} and the name, and
   * heard by the detectors.
   */
  public static final List<String> CEILINGS =
      List.of(
          "ceiling-hourly",
          "ceiling-daily",
          "ceiling-outside-daily",
          "ceiling-searches",
          "ceiling-empty-searches",
          "ceiling-accesses-minute",
          "ceiling-accesses-hourly",
          "ceiling-changes",
          "ceiling-burst");

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "description",
          "accounts",
          "start",
          "recovery",
          "dormant_days",
          "owner",
          "pace",
          "hours",
          "device",
          "address",
          "passes_step_up",
          "targets",
          "search_hit_share",
          "duration_days",
          "pause_after_refusal_minutes",
          "restart_days",
          "action",
          "persons",
          "reread_share");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ScenarioFile() {}

  /** The built-in scenarios. */
  public static List<AttackScenario> builtIn() {
    return resources(BUILT_IN, "/scenarios/");
  }

  /** The scenarios that meet the refusing ceilings, see {@link #CEILINGS}. */
  public static List<AttackScenario> ceilings() {
    return resources(CEILINGS, "/scenarios/ceilings/");
  }

  private static List<AttackScenario> resources(List<String> names, String folder) {
    List<AttackScenario> all = new ArrayList<>();
    for (String name : names) {
      String resource = folder + name + ".json";
      try (InputStream in = ScenarioFile.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + resource);
        }
        all.add(parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + resource, e);
      }
    }
    return all;
  }

  /** Reads one scenario file. */
  public static AttackScenario read(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Parses one scenario; {@code source} names it in errors. */
  public static AttackScenario parse(String source, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": expected one JSON object");
    }
    for (String field : root.propertyNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(source + ": unknown field \"" + field + "\"");
      }
    }
    Reader r = new Reader(source);
    JsonNode accounts = r.object(root, "accounts");
    JsonNode start = r.object(root, "start");
    JsonNode pace = r.object(root, "pace");
    String owner = r.text(root, "owner", "works");
    if (!owner.equals("works") && !owner.equals("stops")) {
      throw r.error("owner", "expected works or stops");
    }
    try {
      return new AttackScenario(
          r.text(root, "name", null),
          r.text(root, "description", ""),
          r.positive(accounts, "count", 1),
          organization(r, r.text(accounts, "organization", "any")),
          r.positive(start, "day", 0),
          r.time(start, "time", "09:00"),
          r.bool(root, "recovery", false),
          r.positive(root, "dormant_days", 0),
          owner.equals("works"),
          r.pace(pace),
          r.choice(pace, "per", AttackScenario.Per.class),
          windows(r, root),
          r.text(root, "device", "new").equals("new"),
          r.text(root, "address", "new").equals("new"),
          r.bool(root, "passes_step_up", true),
          r.choice(root, "targets", AttackScenario.Targets.class),
          r.number(root, "search_hit_share", 0.05),
          r.number(root, "duration_days", 28.0),
          r.positive(root, "pause_after_refusal_minutes", 60),
          r.days(root, "restart_days"),
          root.has("action")
              ? r.choice(root, "action", AttackScenario.Act.class)
              : AttackScenario.Act.READ,
          r.positive(root, "persons", 0),
          r.number(root, "reread_share", 0.0));
    } catch (IllegalArgumentException | NullPointerException e) {
      // The reader's errors name the source already; the record's do not.
      String message = e.getMessage();
      throw message != null && message.startsWith(source + ": ")
          ? new IllegalArgumentException(message)
          : new IllegalArgumentException(source + ": " + message);
    }
  }

  /** Writes {@code s} in the file format, so that {@link #parse} reads the same scenario back. */
  public static String write(AttackScenario s) {
    var root = JSON.createObjectNode();
    root.put("name", s.name());
    root.put("description", s.description());
    var accounts = root.putObject("accounts");
    accounts.put("count", s.accounts());
    accounts.put("organization", organizationName(s.organization()));
    var start = root.putObject("start");
    start.put("day", s.startDay());
    start.put("time", s.startTime().toString());
    root.put("recovery", s.recovery());
    root.put("dormant_days", s.dormantDays());
    root.put("owner", s.ownerKeepsWorking() ? "works" : "stops");
    var pace = root.putObject("pace");
    pace.put("reads", s.reads());
    pace.put("per", s.per().name().toLowerCase(Locale.ROOT));
    var hours = root.putArray("hours");
    for (AttackScenario.Window w : s.windows()) {
      var window = hours.addObject();
      window.put("days", w.days().name().toLowerCase(Locale.ROOT));
      window.put("from", clock(w.fromSecond()));
      window.put("to", clock(w.toSecond()));
    }
    root.put("device", s.newDevice() ? "new" : "owner");
    root.put("address", s.newAddress() ? "new" : "owner");
    root.put("passes_step_up", s.passesStepUp());
    root.put("targets", s.targets().name().toLowerCase(Locale.ROOT));
    root.put("search_hit_share", s.searchHitShare());
    root.put("duration_days", s.durationDays());
    root.put("pause_after_refusal_minutes", s.pauseMinutes());
    var restarts = root.putArray("restart_days");
    s.restartDays().forEach(restarts::add);
    root.put("action", s.act().name().toLowerCase(Locale.ROOT));
    if (s.persons() > 0) {
      root.put("persons", s.persons());
    }
    if (s.rereadShare() > 0) {
      root.put("reread_share", s.rereadShare());
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static String clock(int second) {
    return second == 86_400
        ? "24:00"
        : String.format(Locale.ROOT, "%02d:%02d", second / 3600, second % 3600 / 60);
  }

  private static String organizationName(OrganizationKind kind) {
    if (kind == null) {
      return "any";
    }
    return switch (kind) {
      case FRANCE_TRAVAIL_AGENCY -> "france_travail";
      case CAP_EMPLOI -> "cap_emploi";
      case MISSION_LOCALE -> "mission_locale";
      case SUBCONTRACTOR -> throw new IllegalArgumentException("organization: no file for " + kind);
    };
  }

  private static OrganizationKind organization(Reader r, String text) {
    return switch (text) {
      case "any" -> null;
      case "france_travail" -> OrganizationKind.FRANCE_TRAVAIL_AGENCY;
      case "cap_emploi" -> OrganizationKind.CAP_EMPLOI;
      case "mission_locale" -> OrganizationKind.MISSION_LOCALE;
      default ->
          throw r.error(
              "accounts.organization",
              "expected any, france_travail, cap_emploi or mission_locale, got " + text);
    };
  }

  private static List<AttackScenario.Window> windows(Reader r, JsonNode root) {
    JsonNode hours = root.get("hours");
    if (hours == null) {
      return List.of(new AttackScenario.Window(AttackScenario.Days.ALL, 0, 86_400));
    }
    if (!hours.isArray() || hours.isEmpty()) {
      throw r.error("hours", "expected a list of {days, from, to}");
    }
    List<AttackScenario.Window> windows = new ArrayList<>();
    for (JsonNode window : hours) {
      windows.add(
          new AttackScenario.Window(
              r.choice(window, "days", AttackScenario.Days.class),
              r.second(window, "from"),
              r.second(window, "to")));
    }
    return windows;
  }

  /** Reads typed fields, naming the field in each error. */
  private record Reader(String source) {
    IllegalArgumentException error(String field, String problem) {
      return new IllegalArgumentException(source + ": " + field + ": " + problem);
    }

    JsonNode object(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isObject()) {
        throw error(field, "expected an object");
      }
      return value;
    }

    String text(JsonNode node, String field, String fallback) {
      JsonNode value = node.get(field);
      if (value == null) {
        if (fallback == null) {
          throw error(field, "missing");
        }
        return fallback;
      }
      if (!value.isString()) {
        throw error(field, "expected a string");
      }
      return value.asString().strip().toLowerCase(Locale.ROOT);
    }

    double number(JsonNode node, String field, Double fallback) {
      JsonNode value = node.get(field);
      if (value == null && fallback != null) {
        return fallback;
      }
      if (value == null || !value.isNumber() || value.asDouble() < 0) {
        throw error(field, "expected a number >= 0");
      }
      return value.asDouble();
    }

    double pace(JsonNode pace) {
      double reads = number(pace, "reads", null);
      if (reads <= 0) {
        throw error("pace.reads", "expected a number > 0");
      }
      return reads;
    }

    int positive(JsonNode node, String field, int fallback) {
      JsonNode value = node.get(field);
      if (value == null) {
        return fallback;
      }
      if (!value.isIntegralNumber() || value.asInt() < 0) {
        throw error(field, "expected a whole number >= 0");
      }
      return value.asInt();
    }

    List<Integer> days(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null) {
        return List.of();
      }
      if (!value.isArray()) {
        throw error(field, "expected a list of whole numbers >= 0");
      }
      List<Integer> days = new ArrayList<>();
      for (JsonNode day : value) {
        if (!day.isIntegralNumber() || day.asInt() < 0) {
          throw error(field, "expected a list of whole numbers >= 0");
        }
        days.add(day.asInt());
      }
      return days;
    }

    boolean bool(JsonNode node, String field, boolean fallback) {
      JsonNode value = node.get(field);
      if (value == null) {
        return fallback;
      }
      if (!value.isBoolean()) {
        throw error(field, "expected true or false");
      }
      return value.asBoolean();
    }

    <E extends Enum<E>> E choice(JsonNode node, String field, Class<E> type) {
      String text = text(node, field, null);
      try {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
          names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw error(field, "expected one of " + names + ", got " + text);
      }
    }

    LocalTime time(JsonNode node, String field, String fallback) {
      String text = text(node, field, fallback);
      try {
        return LocalTime.parse(text);
      } catch (DateTimeParseException e) {
        throw error(field, "expected HH:MM, got " + text);
      }
    }

    int second(JsonNode node, String field) {
      String text = text(node, field, null);
      if (text.equals("24:00")) {
        return 86_400;
      }
      return time(node, field, null).toSecondOfDay();
    }
  }
}
