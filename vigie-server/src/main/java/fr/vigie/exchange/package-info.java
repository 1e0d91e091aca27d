/**
 * The register's side of the exchange with subcontractors: batches of persons read through the one
 * read path, encrypted with OpenPGP to the subcontractor's key before they leave, manifests of
 * per-batch pseudonymous tokens, and results encrypted to the register's key, which only the
 * register opens. The transfer server itself ({@code vigie-exchange}) is another process that holds
 * only ciphertext.
 */
package fr.vigie.exchange;
