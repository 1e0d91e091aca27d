package fr.vigie.detection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the lasting part of an {@link AccountHistory} as JSON and reads it back: a plain tree,
 * each field checked, never deserialization into types named by the input. The last day's window
 * (which persons, which searches) is not kept: it is evidence of the day, not history.
 */
final class HistoryCodec {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int VERSION = 1;

  private HistoryCodec() {}

  static String write(AccountHistory h) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    put(root, "first", h.firstActive);
    put(root, "last", h.lastActive);
    put(root, "woke", h.wokeAt);
    root.put("woke_elsewhere", h.wokeElsewhere);
    put(root, "stepped_up", h.steppedUpAt);
    put(root, "recovery_answered", h.recoveryAnswered);
    put(root, "throttled", h.throttledAt);
    root.put("today", h.today == null ? null : h.today.toString());
    root.put("today_persons", h.todayPersons);
    root.put("today_unexplained", h.todayUnexplained);
    root.put("today_outside", h.todayOutside);
    root.put("today_off_hours", h.todayOffHours);
    root.put("today_strange_hours", h.todayStrangeHours);
    ArrayNode unusual = root.putArray("unusual_hour_reads");
    h.unusualHourReads.forEach(at -> unusual.add(at.toString()));
    ints(root.putArray("today_by_hour"), h.todayByHour);
    root.put("closed_days", h.closedDays);
    root.put("off_hours_over", h.offHoursOverOn == null ? null : h.offHoursOverOn.toString());
    root.put("off_hours_period", h.offHoursPeriod == null ? null : h.offHoursPeriod.toString());
    root.put("closed_periods", h.closedPeriods);
    ints(root.putArray("daily_persons"), h.dailyPersons);
    ints(root.putArray("daily_unexplained"), h.dailyUnexplained);
    ints(root.putArray("daily_outside"), h.dailyOutside);
    ints(root.putArray("daily_off_hours"), h.dailyOffHours);
    ints(root.putArray("daily_never_read"), h.neverRead.daily);
    root.put("today_never_read", h.neverRead.today);
    root.put("cusum_never_read", h.neverRead.cusum);
    root.put("read_before", h.readBefore.write());
    ObjectNode empty = root.putObject("empty_searches");
    ints(empty.putArray("daily"), h.emptySearches.daily);
    empty.put("closed", h.emptySearches.closed);
    empty.put("today", h.emptySearches.today);
    empty.put("active", h.emptySearches.active);
    empty.put("cusum", h.emptySearches.cusum);
    ArrayNode hours = root.putArray("hours");
    for (long n : h.hourOfWeek) {
      hours.add(n);
    }
    root.put("disclosures", h.historyDisclosures);
    root.put("unexplained", h.historyUnexplained);
    root.put("cusum_outside", h.cusumOutside);
    root.put("cusum_volume", h.cusumVolume);
    root.put("device", h.currentDevice);
    root.put("address", h.currentAddress);
    root.put("previous_address", h.previousAddress);
    instants(root.putObject("devices"), h.devices);
    instants(root.putObject("addresses"), h.addresses);
    instants(root.putObject("devices_new"), h.deviceFirstSeen);
    instants(root.putObject("addresses_new"), h.addressFirstSeen);
    ObjectNode persons = root.putObject("device_persons");
    h.devicePersons.forEach(persons::put);
    ObjectNode todayPersons = root.putObject("today_device_persons");
    h.todayDevicePersons.forEach(todayPersons::put);
    ObjectNode beside = root.putObject("beside_persons");
    h.besidePersons.forEach(beside::put);
    ObjectNode lastDevice = root.putObject("last_device_at");
    h.lastDeviceAt.forEach(lastDevice::put);
    ObjectNode deviceNetworks = root.putObject("device_networks");
    h.deviceNetworks.networks.forEach((d, used) -> instants(deviceNetworks.putObject(d), used));
    ObjectNode moved = root.putObject("moved_persons");
    h.deviceNetworks.movedPersons.forEach(moved::put);
    return JSON.writeValueAsString(root);
  }

  static AccountHistory read(ZoneId zone, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("account memory: not JSON");
    }
    if (root == null || !root.isObject() || root.path("version").asInt(-1) != VERSION) {
      throw new IllegalArgumentException("account memory: expected version " + VERSION);
    }
    AccountHistory h = new AccountHistory(zone);
    h.firstActive = instant(root.get("first"));
    h.lastActive = instant(root.get("last"));
    h.wokeAt = instant(root.get("woke"));
    h.wokeElsewhere = root.path("woke_elsewhere").asBoolean(false);
    h.steppedUpAt = instant(root.get("stepped_up"));
    h.recoveryAnswered = instant(root.get("recovery_answered"));
    h.throttledAt = instant(root.get("throttled"));
    String today = text(root.get("today"));
    h.today = today == null ? null : LocalDate.parse(today);
    h.todayPersons = root.path("today_persons").asInt(0);
    h.todayUnexplained = root.path("today_unexplained").asInt(0);
    h.todayOutside = root.path("today_outside").asInt(0);
    h.todayOffHours = root.path("today_off_hours").asInt(0);
    h.todayStrangeHours = root.path("today_strange_hours").asInt(0);
    JsonNode unusual = root.get("unusual_hour_reads");
    if (unusual != null && unusual.isArray()) {
      for (JsonNode at : unusual) {
        Instant read = instant(at);
        // Oldest first, as written: the hours are told apart in that order.
        Instant previous = h.unusualHourReads.peekLast();
        if (read != null
            && (previous == null || !read.isBefore(previous))
            && h.unusualHourReads.size() < AccountHistory.MOST_UNUSUAL_HOUR_READS) {
          h.unusualHourReads.addLast(read);
        }
      }
    }
    readInts(root.get("today_by_hour"), h.todayByHour);
    h.closedDays = Math.max(0, root.path("closed_days").asInt(0));
    String over = text(root.get("off_hours_over"));
    h.offHoursOverOn = over == null ? null : LocalDate.parse(over);
    String period = text(root.get("off_hours_period"));
    h.offHoursPeriod = period == null ? null : LocalDate.parse(period);
    h.closedPeriods = Math.max(0, root.path("closed_periods").asInt(h.closedDays));
    readInts(root.get("daily_persons"), h.dailyPersons);
    readInts(root.get("daily_unexplained"), h.dailyUnexplained);
    readInts(root.get("daily_outside"), h.dailyOutside);
    readInts(root.get("daily_off_hours"), h.dailyOffHours);
    // The never read close with the baseline days: the same count of days, today active alike.
    readInts(root.get("daily_never_read"), h.neverRead.daily);
    h.neverRead.closed = h.closedDays;
    h.neverRead.today = root.path("today_never_read").asInt(0);
    h.neverRead.active = h.todayPersons > 0;
    h.neverRead.cusum = root.path("cusum_never_read").asDouble(0);
    JsonNode empty = root.path("empty_searches");
    readInts(empty.get("daily"), h.emptySearches.daily);
    h.emptySearches.closed = Math.max(0, empty.path("closed").asInt(0));
    h.emptySearches.today = Math.max(0, empty.path("today").asInt(0));
    h.emptySearches.active = empty.path("active").asBoolean(false);
    h.emptySearches.cusum = Math.max(0, empty.path("cusum").asDouble(0));
    String readBefore = text(root.get("read_before"));
    if (readBefore != null) {
      h.readBefore = ReadBefore.read(readBefore);
    }
    JsonNode hours = root.get("hours");
    if (hours != null && hours.isArray()) {
      for (int i = 0; i < Math.min(hours.size(), h.hourOfWeek.length); i++) {
        h.hourOfWeek[i] = hours.get(i).asLong(0);
      }
    }
    h.historyDisclosures = root.path("disclosures").asLong(0);
    h.historyUnexplained = root.path("unexplained").asLong(0);
    h.cusumOutside = root.path("cusum_outside").asDouble(0);
    h.cusumVolume = root.path("cusum_volume").asDouble(0);
    h.currentDevice = text(root.get("device"));
    h.currentAddress = text(root.get("address"));
    h.previousAddress = text(root.get("previous_address"));
    readMap(root.get("devices"), h.devices, HistoryCodec::instant);
    readMap(root.get("addresses"), h.addresses, HistoryCodec::instant);
    readMap(root.get("devices_new"), h.deviceFirstSeen, HistoryCodec::instant);
    readMap(root.get("addresses_new"), h.addressFirstSeen, HistoryCodec::instant);
    readMap(root.get("device_persons"), h.devicePersons, n -> n.asInt(0));
    readMap(root.get("today_device_persons"), h.todayDevicePersons, n -> n.asInt(0));
    readMap(root.get("beside_persons"), h.besidePersons, n -> n.asInt(0));
    readMap(root.get("last_device_at"), h.lastDeviceAt, HistoryCodec::text);
    readDeviceNetworks(root.get("device_networks"), h.deviceNetworks.networks);
    readMap(root.get("moved_persons"), h.deviceNetworks.movedPersons, n -> n.asInt(0));
    h.deviceNetworks.movedPersons.keySet().removeIf(k -> k.indexOf('|') < 0);
    return h;
  }

  /** Each device's networks, at most {@link DeviceNetworks#MOST_NETWORKS} a device. */
  private static void readDeviceNetworks(JsonNode node, Map<String, Map<String, Instant>> into) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> device : node.properties()) {
      Map<String, Instant> used = new HashMap<>();
      readMap(device.getValue(), used, HistoryCodec::instant);
      if (!used.isEmpty() && used.size() <= DeviceNetworks.MOST_NETWORKS) {
        into.put(device.getKey(), used);
      }
    }
  }

  private static void put(ObjectNode node, String field, Instant at) {
    node.put(field, at == null ? null : at.toString());
  }

  private static void ints(ArrayNode array, int[] values) {
    for (int v : values) {
      array.add(v);
    }
  }

  private static void readInts(JsonNode array, int[] into) {
    if (array != null && array.isArray()) {
      for (int i = 0; i < Math.min(array.size(), into.length); i++) {
        into[i] = array.get(i).asInt(0);
      }
    }
  }

  private static void instants(ObjectNode node, Map<String, Instant> map) {
    map.forEach((k, v) -> node.put(k, v.toString()));
  }

  private static <V> void readMap(JsonNode node, Map<String, V> into, Function<JsonNode, V> value) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      V v = value.apply(entry.getValue());
      if (v != null) {
        into.put(entry.getKey(), v);
      }
    }
  }

  private static Instant instant(JsonNode node) {
    String text = text(node);
    return text == null ? null : Instant.parse(text);
  }

  private static String text(JsonNode node) {
    return node == null || !node.isString() ? null : node.asString();
  }
}
