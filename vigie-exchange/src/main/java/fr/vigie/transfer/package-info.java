/**
 * The exchange: a transfer server for subcontractors (SFTP for machines, HTTPS with a password and
 * a TOTP code for people), run as a process of its own with no access to the register's database or
 * keys. It holds only files encrypted to their recipient, so a full compromise of it yields
 * ciphertext. The register places and collects files through its loopback API ({@link
 * fr.vigie.transfer.RegisterApi}) and ingests its operation log.
 */
package fr.vigie.transfer;
