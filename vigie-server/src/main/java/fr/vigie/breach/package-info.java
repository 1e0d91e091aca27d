/**
 * Breach response: incidents declared by accounts or an organization and a time window, scoped from
 * the verified audit log alone (every person touched and the fields that left), and what follows
 * from them.
 */
package fr.vigie.breach;
