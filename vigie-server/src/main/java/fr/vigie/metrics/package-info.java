/**
 * Metrics for operators: Micrometer meters exported in the Prometheus text format on the management
 * port only (127.0.0.1 by default), never on the staff port. The meters observe the other features
 * from outside (events, a proxy around the one read path, small hooks) and carry only bounded
 * labels: an operation, an outcome, a problem code, a containment state. Never an account, a
 * person, a name or a NIR. See {@code docs/operations.md}.
 */
package fr.vigie.metrics;
