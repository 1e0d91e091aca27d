package fr.vigie.detection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.identity.AccountId;
import fr.vigie.identity.ContainmentState;
import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import fr.vigie.registry.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class UnfamiliarPlaceTest {
  /** Monday 2026-11-16, 08:00 UTC: 09:00 in Paris. */
  private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");

  private static final AccountId ACCOUNT = new AccountId(new UUID(3, 3));
  private static final AccountProfile ADVISOR =
      new AccountProfile(ACCOUNT, Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY, null);

  private final Detection detection = Detection.withDefaults();
  private int nextPerson;

  private Access read(Instant at, Link link, String device, String address) {
    return Access.of(
        ACCOUNT,
        at,
        AccessKind.READ,
        new PersonId(new UUID(9, nextPerson++)),
        link,
        device,
        address);
  }

  /**
   * Each weekday of the {@code weeks} weeks before {@link #MONDAY}, at 09:00 in Paris, with its day
   * of the week (1 for Monday); returns {@link #MONDAY}.
   */
  private static Instant weekdays(int weeks, BiConsumer<Instant, Integer> workday) {
    Instant day = MONDAY.minus(Duration.ofDays(7L * weeks));
    for (; day.isBefore(MONDAY); day = day.plus(Duration.ofDays(1))) {
      int dow = day.atZone(ZoneId.of("Europe/Paris")).getDayOfWeek().getValue();
      if (dow <= 5) {
        workday.accept(day, dow);
      }
    }
    return day;
  }

  /** {@code weeks} weeks of weekdays at the office PC, 12 persons a day; returns the next day. */
  private Instant work(AccountProfile profile, int weeks) {
    return weekdays(
        weeks,
        (day, dow) -> {
          for (int n = 0; n < 12; n++) {
            Link link = n % 2 == 0 ? Link.APPOINTMENT : Link.FOLLOWED;
            detection.observe(profile, read(day.plusSeconds(1800L * n), link, "pc", "office"));
          }
        });
  }

  /** Reads {@code n} persons from {@code device}/{@code address}; the signals of each access. */
  private List<Optional<Verdict>> readFrom(
      AccountProfile profile, Instant from, int n, long gapSeconds, String device, String address) {
    List<Optional<Verdict>> verdicts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      verdicts.add(
          detection.observe(
              profile, read(from.plusSeconds(gapSeconds * i), Link.FOLLOWED, device, address)));
    }
    return verdicts;
  }

  @Test
  void newPlaceAtNight_settledAccount_suspendsOnTheFourthPerson() {
    Instant monday = work(ADVISOR, 5);
    Instant night = monday.plus(Duration.ofHours(13)); // 22:00 in Paris

    List<Optional<Verdict>> verdicts = readFrom(ADVISOR, night, 6, 60, "stranger", "elsewhere");

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    int suspendedAt = 0;
    while (verdicts
        .get(suspendedAt)
        .map(v -> v.state() != ContainmentState.SUSPENDED)
        .orElse(true)) {
      suspendedAt++;
    }
    assertThat(suspendedAt).isEqualTo(3);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .contains("new-device", "unfamiliar-place");
  }

  @Test
  void newPlaceAtNight_newAccount_isNotUnfamiliarYet() {
    Instant monday = work(ADVISOR, 2);

    // Ten minutes apart: at one a minute, pace speaks on the last ten minutes whatever the place.
    readFrom(ADVISOR, monday.plus(Duration.ofHours(13)), 10, 600, "stranger", "elsewhere");

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("unfamiliar-place");
  }

  @Test
  void newPlaceForOneWorkingDay_trainingSite_doesNotSuspend() {
    Instant monday = work(ADVISOR, 5);

    readFrom(ADVISOR, monday.plusSeconds(1800), 15, 1200, "site-pc", "other-site");

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
  }

  @Test
  void newPlaceBesideTheUsualPlace_suspends() {
    Instant monday = work(ADVISOR, 5);
    detection.observe(ADVISOR, read(monday, Link.APPOINTMENT, "pc", "office"));

    readFrom(ADVISOR, monday.plusSeconds(600), 5, 600, "stranger", "elsewhere");

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
  }

  @Test
  void sameNewLaptopOnTwoNetworks_isOnePlace_doesNotSuspend() {
    Instant monday = work(ADVISOR, 5);
    Instant at = monday;
    for (int i = 0; i < 10; i++, at = at.plusSeconds(900)) {
      // Its usual mix: half the persons have an appointment.
      detection.observe(ADVISOR, read(at, Link.APPOINTMENT, "new-laptop", "home"));
      detection.observe(ADVISOR, read(at.plusSeconds(300), Link.FOLLOWED, "new-laptop", "phone"));
    }

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("unfamiliar-place");
  }

  @Test
  void newPlaceOnASecondDayWhileTheOwnerIsAway_suspends() {
    Instant monday = work(ADVISOR, 5);
    readFrom(ADVISOR, monday.plusSeconds(1800), 3, 3600, "stranger", "elsewhere");
    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);

    readFrom(ADVISOR, monday.plus(Duration.ofDays(1)), 3, 3600, "stranger", "elsewhere");

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
  }

  @Test
  void afterRecovery_fromANewPlace_suspendsAtTheFirstRead() {
    Instant monday = work(ADVISOR, 5);
    AccountProfile recovered =
        new AccountProfile(
            ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, monday.minus(Duration.ofHours(1)));

    Optional<Verdict> first =
        detection.observe(recovered, read(monday, Link.FOLLOWED, "stranger", "elsewhere"));

    assertThat(first)
        .hasValueSatisfying(v -> assertThat(v.state()).isEqualTo(ContainmentState.SUSPENDED));
  }

  @Test
  void afterRecovery_fromTheUsualPlace_doesNotSuspend() {
    Instant monday = work(ADVISOR, 5);
    AccountProfile recovered =
        new AccountProfile(
            ACCOUNT, Role.ADVISOR, OrganizationKind.CAP_EMPLOI, monday.minus(Duration.ofHours(1)));

    readFrom(recovered, monday, 12, 1800, "pc", "office");

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
  }

  /**
   * The owner works at its PC, one person every 20 minutes, while {@code device}/{@code address}
   * reads one every 4 minutes; returns how many persons the second place got before the account was
   * suspended, or all of them.
   */
  private int besideTheOwner(Instant from, int persons, String device, String address) {
    int read = 0;
    for (int i = 0; i < persons && detection.state(ACCOUNT) != ContainmentState.SUSPENDED; i++) {
      Instant at = from.plusSeconds(240L * i);
      if (i % 5 == 0) {
        detection.observe(ADVISOR, read(at, Link.APPOINTMENT, "pc", "office"));
      }
      if (detection.state(ACCOUNT) == ContainmentState.SUSPENDED) {
        break;
      }
      detection.observe(ADVISOR, read(at.plusSeconds(60), Link.FOLLOWED, device, address));
      read++;
    }
    return read;
  }

  @Test
  void ownersPcFromANewNetwork_besideTheOwner_suspendsWithinADozen() {
    Instant monday = work(ADVISOR, 5);

    int read = besideTheOwner(monday, 40, "pc", "elsewhere");

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(read).isLessThanOrEqualTo(12);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .contains("half-new-place", "new-device");
  }

  @Test
  void newDeviceOnTheOwnersNetwork_besideTheOwner_suspendsWithinADozen() {
    Instant monday = work(ADVISOR, 5);

    int read = besideTheOwner(monday, 40, "stranger", "office");

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(read).isLessThanOrEqualTo(12);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .contains("half-new-place", "new-device");
  }

  /**
   * The two tests below guard the honest uses a wider count of a half-new place's persons would
   * suspend (tried on 3 December: every person the place read that day, once beside the usual one;
   * evaluation.md).
   */
  @Test
  void newLaptopAtHomeInTheMorning_thenBesideTheOfficePcForAFew_raisesNothing() {
    // Five weeks at the office PC, and on Fridays the same PC at home: home is its own network.
    weekdays(5, (day, dow) -> readFrom(ADVISOR, day, 12, 1800, "pc", dow == 5 ? "home" : "office"));
    // A new laptop at home from 07:30, twelve persons; at the office from 9 the PC, and the laptop
    // beside it for three more.
    readFrom(ADVISOR, MONDAY.minus(Duration.ofMinutes(90)), 12, 420, "laptop", "home");
    besideTheOwner(MONDAY, 3, "laptop", "office");

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("half-new-place");
  }

  @Test
  void newHomeBoxAllDay_withThePhonesConnectionInTheAfternoon_raisesNothing() {
    // Five weeks: the office PC from Monday to Thursday, the laptop at home on Fridays, on the
    // phone's connection in the afternoon.
    weekdays(
        5,
        (day, dow) -> {
          if (dow < 5) {
            readFrom(ADVISOR, day, 12, 1800, "pc", "office");
          } else {
            readFrom(ADVISOR, day, 6, 1800, "laptop", "home");
            readFrom(ADVISOR, day.plus(Duration.ofHours(5)), 6, 1800, "laptop", "mobile");
          }
        });
    // A new home box: a whole day from it, then a morning, and an afternoon between it and the
    // phone's connection.
    readFrom(ADVISOR, MONDAY, 12, 1800, "laptop", "home-b");
    Instant tuesday = MONDAY.plus(Duration.ofDays(1));
    readFrom(ADVISOR, tuesday, 12, 900, "laptop", "home-b");
    Instant afternoon = tuesday.plus(Duration.ofHours(5));
    for (int i = 0; i < 8; i++) {
      readFrom(
          ADVISOR,
          afternoon.plusSeconds(900L * i),
          1,
          60,
          "laptop",
          i % 2 == 0 ? "mobile" : "home-b");
    }

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("half-new-place");
  }

  /**
   * A stranger's device on the owner's office network from 07:10, before the owner comes in at 9:
   * what it read before counts once the owner is there beside it (variant-1-103).
   */
  @Test
  void newDeviceOnTheOwnersNetworkBeforeTheOwnerComes_suspendsOnceTheOwnerIsThere() {
    Instant monday = work(ADVISOR, 5);
    beforeTheOwner(detection, monday, "stranger");

    int read = 12 + besideTheOwner(monday, 40, "stranger", "office");

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(read).isLessThanOrEqualTo(13);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .contains("half-new-place", "new-device");
  }

  @Test
  void newDeviceOnTheOwnersNetworkBeforeTheOwnerComes_restartBetween_stillSuspends() {
    Instant monday = work(ADVISOR, 5);
    beforeTheOwner(detection, monday, "stranger");
    Detection restarted = Detection.withDefaults();
    detection.memories().forEach(restarted::remember);

    restarted.observe(ADVISOR, read(monday, Link.APPOINTMENT, "pc", "office"));
    restarted.observe(ADVISOR, read(monday.plusSeconds(60), Link.FOLLOWED, "stranger", "office"));

    assertThat(restarted.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(restarted.reasons(ACCOUNT)).extracting(Signal::detector).contains("half-new-place");
  }

  @Test
  void sharedOfficePcBeforeTheOwnersPc_raisesNothing() {
    colleagueOnTheSharedPc(5);
    Instant monday = work(ADVISOR, 5);

    beforeTheOwner(detection, monday, "shared-pc");
    besideTheOwner(monday, 3, "shared-pc", "office");

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("half-new-place");
  }

  @Test
  void sharedOfficePcBeforeTheOwnersPc_afterARestart_isStillShared() {
    colleagueOnTheSharedPc(5);
    Instant monday = work(ADVISOR, 5);
    Detection restarted = Detection.withDefaults();
    detection.memories().forEach(restarted::remember);

    beforeTheOwner(restarted, monday, "shared-pc");
    for (int i = 0; i < 3; i++) {
      Instant at = monday.plusSeconds(240L * i);
      restarted.observe(ADVISOR, read(at, Link.APPOINTMENT, "pc", "office"));
      restarted.observe(ADVISOR, read(at.plusSeconds(60), Link.FOLLOWED, "shared-pc", "office"));
    }

    assertThat(restarted.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(restarted.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("half-new-place");
  }

  /** The advisor, recovered by the helpdesk the day before {@code day}. */
  private static AccountProfile recoveredTheDayBefore(Instant day) {
    return new AccountProfile(
        ACCOUNT,
        Role.ADVISOR,
        OrganizationKind.FRANCE_TRAVAIL_AGENCY,
        day.minus(Duration.ofDays(1)));
  }

  /**
   * A helpdesk recovery is a fresh second factor: from the account's first access after it, its
   * pace far above its usual hour counts as after an answered step-up (variant-1-108).
   */
  @Test
  void afterRecovery_atTwentyAnHourFromItsOwnPc_countsAsAfterAStepUp() {
    Instant monday = work(ADVISOR, 5);
    AccountProfile recovered = recoveredTheDayBefore(monday);

    for (int i = 0; i < 15; i++) {
      detection.observe(
          recovered, read(monday.plusSeconds(180L * i), Link.APPOINTMENT, "pc", "office"));
    }

    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .contains("after-step-up", "after-recovery");
  }

  /**
   * After a helpdesk recovery, a device the account never had on its own office network weighs more
   * than its own PC, less than a place both new (variant-3-96: never contained before).
   */
  @Test
  void afterRecovery_fromANewDeviceOnItsOwnNetwork_weighsMoreThanFromItsOwnPc() {
    Instant monday = work(ADVISOR, 5);
    AccountProfile recovered = recoveredTheDayBefore(monday);

    detection.observe(recovered, read(monday, Link.APPOINTMENT, "pc", "office"));
    ContainmentState fromOwnPc = detection.state(ACCOUNT);
    detection.observe(
        recovered, read(monday.plusSeconds(600), Link.FOLLOWED, "stranger", "office"));

    assertThat(fromOwnPc).isEqualTo(ContainmentState.ACTIVE);
    assertThat(detection.reasons(ACCOUNT))
        .filteredOn(s -> s.detector().equals("after-recovery"))
        .extracting(Signal::points)
        .containsExactly(50);
  }

  /** An advisor's new PC from the morning on, beside the office's shared PC: its own work. */
  @Test
  void newPcFromTheMorning_besideTheSharedOfficePc_raisesNothing() {
    colleagueOnTheSharedPc(5);
    Instant monday =
        weekdays(
            5,
            (day, dow) -> {
              readFrom(ADVISOR, day, 10, 1800, "pc", "office");
              readFrom(ADVISOR, day.plusSeconds(900), 2, 1800, "shared-pc", "office");
            });

    beforeTheOwner(detection, monday, "new-pc");
    for (int i = 0; i < 3; i++) {
      Instant at = monday.plusSeconds(600L * i);
      detection.observe(ADVISOR, read(at, Link.APPOINTMENT, "shared-pc", "office"));
      detection.observe(ADVISOR, read(at.plusSeconds(60), Link.APPOINTMENT, "new-pc", "office"));
    }

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("half-new-place");
  }

  /**
   * Twelve persons with an appointment from {@code device} on the office network, from 07:10 to
   * 08:49 on the day of {@code nine} (09:00), before the owner comes in.
   */
  private void beforeTheOwner(Detection on, Instant nine, String device) {
    Instant early = nine.minus(Duration.ofMinutes(110));
    for (int i = 0; i < 12; i++) {
      on.observe(ADVISOR, read(early.plusSeconds(540L * i), Link.APPOINTMENT, device, "office"));
    }
  }

  /** A colleague of the office on the shared PC each weekday of {@code weeks} weeks. */
  private void colleagueOnTheSharedPc(int weeks) {
    AccountId colleague = new AccountId(new UUID(3, 4));
    AccountProfile profile =
        new AccountProfile(colleague, Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY, null);
    weekdays(
        weeks,
        (day, dow) -> {
          for (int n = 0; n < 4; n++) {
            detection.observe(
                profile,
                Access.of(
                    colleague,
                    day.plusSeconds(1800L * n),
                    AccessKind.READ,
                    new PersonId(new UUID(8, nextPerson++)),
                    Link.APPOINTMENT,
                    "shared-pc",
                    "office"));
          }
        });
  }

  @Test
  void sharedOfficePcForAFewPersons_besideTheOwner_raisesNothing() {
    Instant monday = work(ADVISOR, 5);

    besideTheOwner(monday, 5, "shared-pc", "office");

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.ACTIVE);
    assertThat(detection.reasons(ACCOUNT)).isEmpty();
  }

  @Test
  void sharedOfficePcForASmallShareOfABusyDay_raisesNothing() {
    Instant monday = work(ADVISOR, 5);
    readFrom(ADVISOR, monday, 30, 300, "pc", "office");

    // 12 persons on the shared PC, each within minutes of the advisor's own PC.
    Instant at = monday.plusSeconds(9000);
    for (int i = 0; i < 12; i++, at = at.plusSeconds(240)) {
      detection.observe(ADVISOR, read(at, Link.APPOINTMENT, "pc", "office"));
      detection.observe(ADVISOR, read(at.plusSeconds(60), Link.APPOINTMENT, "shared-pc", "office"));
    }

    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("half-new-place");
  }

  @Test
  void halfNewPlaceAfterARestart_isStillHalfNew() {
    Instant monday = work(ADVISOR, 5);
    besideTheOwner(monday, 6, "pc", "elsewhere");
    Detection restarted = Detection.withDefaults();
    detection.memories().forEach(restarted::remember);

    Instant tuesday = monday.plus(Duration.ofDays(1));
    restarted.observe(ADVISOR, read(tuesday, Link.APPOINTMENT, "pc", "office"));
    for (int i = 0; i < 6; i++) {
      restarted.observe(
          ADVISOR, read(tuesday.plusSeconds(60L * (i + 1)), Link.FOLLOWED, "pc", "elsewhere"));
    }

    assertThat(restarted.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(restarted.reasons(ACCOUNT)).extracting(Signal::detector).contains("half-new-place");
  }

  @Test
  void newPcBesideASharedPcNewToo_isNotAHalfNewPlace() {
    Instant monday = work(ADVISOR, 5);
    readFrom(ADVISOR, monday, 15, 1200, "new-pc", "office");

    Instant tuesday = monday.plus(Duration.ofDays(1));
    for (int i = 0; i < 15; i++) {
      Instant at = tuesday.plusSeconds(600L * i);
      detection.observe(ADVISOR, read(at, Link.APPOINTMENT, "shared-pc", "office"));
      detection.observe(ADVISOR, read(at.plusSeconds(60), Link.APPOINTMENT, "new-pc", "office"));
    }

    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("half-new-place");
  }

  @Test
  void newPcInsteadOfTheOldOne_isNotAHalfNewPlace() {
    Instant monday = work(ADVISOR, 5);

    readFrom(ADVISOR, monday, 20, 1200, "new-pc", "office");

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("half-new-place");
  }

  /**
   * The owner works by day at its PC; {@code device}/{@code address} reads {@code perNight} persons
   * at 23:00 each night. Returns how many persons the nights got before the account was suspended,
   * or all of them.
   */
  private int eachNight(Instant monday, int nights, int perNight, String device, String address) {
    int read = 0;
    for (int night = 0; night < nights; night++) {
      Instant day = monday.plus(Duration.ofDays(night));
      readFrom(ADVISOR, day, 12, 1800, "pc", "office");
      Instant late = day.plus(Duration.ofHours(14)); // 23:00 in Paris
      for (int i = 0; i < perNight; i++) {
        if (detection.state(ACCOUNT) == ContainmentState.SUSPENDED) {
          return read;
        }
        detection.observe(
            ADVISOR, read(late.plusSeconds(300L * i), Link.FOLLOWED, device, address));
        read++;
      }
    }
    return read;
  }

  @Test
  void newDeviceOnTheOwnersNetwork_aFewPersonsEachNight_suspendsWithinADozen() {
    Instant monday = work(ADVISOR, 5);

    int read = eachNight(monday, 8, 3, "stranger", "office");

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(read).isLessThanOrEqualTo(12);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .contains("half-new-place", "new-device");
  }

  @Test
  void ownersPcFromANewNetwork_aFewPersonsEachNight_suspendsWithinADozen() {
    Instant monday = work(ADVISOR, 5);

    int read = eachNight(monday, 8, 3, "pc", "elsewhere");

    assertThat(detection.state(ACCOUNT)).isEqualTo(ContainmentState.SUSPENDED);
    assertThat(read).isLessThanOrEqualTo(12);
    assertThat(detection.reasons(ACCOUNT)).extracting(Signal::detector).contains("half-new-place");
  }

  @Test
  void newLaptopOnTheOwnersNetwork_aFewEveningFiles_raisesNothing() {
    Instant monday = work(ADVISOR, 5);

    // Two evenings of three files each within two weeks: an advisor's new laptop at 23:00.
    eachNight(monday, 1, 3, "new-laptop", "office");
    eachNight(monday.plus(Duration.ofDays(3)), 1, 3, "new-laptop", "office");

    assertThat(detection.state(ACCOUNT)).isNotEqualTo(ContainmentState.SUSPENDED);
    assertThat(detection.reasons(ACCOUNT))
        .extracting(Signal::detector)
        .doesNotContain("half-new-place");
  }
}
