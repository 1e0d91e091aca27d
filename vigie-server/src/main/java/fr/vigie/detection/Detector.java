package fr.vigie.detection;

import java.util.Optional;

/**
 * Compares what an account is doing with its own history and its peers', once per access. A
 * detector is a pure function of what it is given: the state it reads is kept by {@link Detection}.
 */
public interface Detector {
  /** Its name in alerts and settings. */
  String name();

  /** Its contribution now that {@code access} happened, if any. */
  Optional<Signal> assess(
      AccountHistory history, PeerStats peers, AccountProfile profile, Access access);
}
