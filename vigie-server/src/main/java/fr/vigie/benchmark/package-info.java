/**
 * Whole-path benchmarks run by {@code vigie bench}: each measures Vigie's real path and, in the
 * same run on the same machine, a baseline without protection, and reports their ratio.
 */
package fr.vigie.benchmark;
