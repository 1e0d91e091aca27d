/** Running Vigie: the embedded PostgreSQL, or the external database that configuration names. */
package fr.vigie.runtime;
