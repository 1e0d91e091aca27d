/**
 * The synthetic agency and the simulated one. {@link fr.vigie.simulation.SyntheticAgency}:
 * organizations, advisors, persons and caseloads generated from a seed, the same byte for byte on
 * every run, to load demos and measure Vigie at national scale without a single real person's data.
 * {@link fr.vigie.simulation.Evaluation}: those advisors at work day after day, and attacks read
 * from {@link fr.vigie.simulation.ScenarioFile scenario files}, through the real guard, policy,
 * ceilings and detectors in simulated time; behaviours produce {@link
 * fr.vigie.simulation.SimulatedAccess accesses} that an {@link fr.vigie.simulation.AccessExecutor}
 * carries out, in memory or against a running server.
 */
package fr.vigie.simulation;
