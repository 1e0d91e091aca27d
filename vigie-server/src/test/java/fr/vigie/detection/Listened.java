package fr.vigie.detection;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The default detection, each detector telling a listener of the signal it gives on an access,
 * whether or not the account's state rises (its reasons only keep those of the last rise).
 */
final class Listened {
  private Listened() {}

  static Detection detection(BiConsumer<Access, Signal> heard) {
    return new Detection(
        Ceilings.defaults(),
        Detectors.defaults().stream().map(d -> heard(d, heard)).toList(),
        Thresholds.defaults());
  }

  private static Detector heard(Detector detector, BiConsumer<Access, Signal> heard) {
    return new Detector() {
      @Override
      public String name() {
        return detector.name();
      }

      @Override
      public Optional<Signal> assess(
          AccountHistory history, PeerStats peers, AccountProfile profile, Access access) {
        Optional<Signal> signal = detector.assess(history, peers, profile, access);
        signal.ifPresent(spoke -> heard.accept(access, spoke));
        return signal;
      }
    };
  }
}
