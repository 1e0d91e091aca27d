/**
 * Detection and containment: {@link fr.vigie.detection.Detection} runs the ceilings (hard limits
 * that need no history) before each access and the detectors (baselines, peers, devices, hours)
 * after it, and says when an account must step up, slow down or be suspended. It is pure and in
 * memory, driven by the times of the accesses: the server and the simulated agency run the same
 * code.
 */
package fr.vigie.detection;
