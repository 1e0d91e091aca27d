/**
 * The register of persons: identifiers and their validation, field encryption under per-person data
 * keys, blind indexes for exact lookups, import, retention and crypto-shredding.
 */
package fr.vigie.registry;
