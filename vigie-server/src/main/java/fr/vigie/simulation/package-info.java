/**
 * The synthetic agency: organizations, advisors, persons and caseloads generated from a seed, the
 * same byte for byte on every run, to load demos, run the evaluation and measure Vigie at national
 * scale without a single real person's data. Entry point: {@link
 * fr.vigie.simulation.SyntheticAgency}.
 */
package fr.vigie.simulation;
