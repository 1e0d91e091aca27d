/**
 * Breach response: incidents declared by accounts or an organization and a time window, scoped from
 * the verified audit log alone (every person touched and the fields that left), and what follows
 * from them: the article 33 drafts and the breach register ({@link fr.vigie.breach.Notifications}),
 * and the article 34 notices to each person, an outbox sent by email and as PDF letters ({@link
 * fr.vigie.breach.Notices}).
 */
package fr.vigie.breach;
