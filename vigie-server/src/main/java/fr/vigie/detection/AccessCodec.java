package fr.vigie.detection;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One access event on the Kafka topic as JSON, and back: the same pseudonymous ids and tokens as
 * {@link Access} and {@link AccountProfile} hold, nothing else (what the audit log holds of it).
 * Read as a plain tree, each field checked; never Java deserialization, never a type the input
 * names.
 */
final class AccessCodec {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int VERSION = 1;

  /** One access with what the detectors know of its account. */
  record Event(AccountProfile profile, Access access) {}

  private AccessCodec() {}

  static byte[] write(AccountProfile profile, Access access) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", VERSION);
    root.put("account", access.account().toString());
    root.put("role", profile.role().name());
    root.put("organization_kind", profile.organizationKind().name());
    root.put(
        "recovered_at", profile.recoveredAt() == null ? null : profile.recoveredAt().toString());
    root.put("at", access.at().toString());
    root.put("kind", access.kind().name());
    root.put("person", access.person() == null ? null : access.person().value().toString());
    root.put("link", access.link().name());
    root.put("found", access.found());
    root.put("device", access.device());
    root.put("address", access.address());
    return JSON.writeValueAsBytes(root);
  }

  /**
   * Reads one event back.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong (never its value)
   */
  static Event read(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("access event: not JSON");
    }
    if (root == null || !root.isObject() || root.path("v").asInt(-1) != VERSION) {
      throw new IllegalArgumentException("access event: not version " + VERSION);
    }
    AccountId account = new AccountId(uuid(root, "account"));
    Instant recovered =
        optional(root, "recovered_at") == null ? null : instant(root, "recovered_at");
    AccountProfile profile =
        new AccountProfile(
            account,
            name(root, "role", Role.class),
            name(root, "organization_kind", OrganizationKind.class),
            recovered);
    String person = optional(root, "person");
    try {
      Access access =
          new Access(
              account,
              instant(root, "at"),
              name(root, "kind", AccessKind.class),
              person == null ? null : new PersonId(uuid(root, "person")),
              name(root, "link", Link.class),
              root.path("found").asInt(-1),
              text(root, "device"),
              text(root, "address"));
      return new Event(profile, access);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException("access event: " + e.getMessage());
    }
  }

  private static String optional(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() ? null : text(root, field);
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isString()) {
      throw new IllegalArgumentException("access event: " + field + " is missing");
    }
    return node.asString();
  }

  private static UUID uuid(JsonNode root, String field) {
    String value = text(root, field);
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("access event: " + field + " is not a UUID");
    }
  }

  private static Instant instant(JsonNode root, String field) {
    String value = text(root, field);
    try {
      return Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("access event: " + field + " is not an instant");
    }
  }

  private static <E extends Enum<E>> E name(JsonNode root, String field, Class<E> type) {
    String value = text(root, field);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("access event: " + field + " is not a known name");
    }
  }
}
