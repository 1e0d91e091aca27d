/**
 * The job seeker's own space: sign-in through an identity provider (FranceConnect-like OIDC), their
 * data, who read it, the notices they received, flagging a read they do not recognize, and the
 * article 15 copy of their data. Every read takes the one read path ({@code access.PersonReads}).
 */
package fr.vigie.portal;
