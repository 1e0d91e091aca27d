package fr.vigie.web;

import fr.vigie.identity.IdentityIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application with ceilings small enough to meet in a test; the classes that extend it
 * share one Spring context.
 */
@TestPropertySource(
    properties = {
      "vigie.ceilings.max.ADVISOR.burst=4",
      "vigie.ceilings.max.ADVISOR.hourly=3",
      "vigie.ceilings.max.ADVISOR.daily=5",
      "vigie.ceilings.max.ADVISOR.outside-daily=1",
      "vigie.ceilings.max.ADVISOR.searches=3",
      "vigie.ceilings.max.ADVISOR.empty-searches=2",
      "vigie.ceilings.max.ADVISOR.accesses-minute=6",
      "vigie.ceilings.max.ADVISOR.accesses-hourly=8",
      "vigie.ceilings.max.ADVISOR.changes=2",
      "vigie.ceilings.max.MANAGER.changes=2"
    })
abstract class LowCeilingsIntegrationTest extends IdentityIntegrationTest {}
