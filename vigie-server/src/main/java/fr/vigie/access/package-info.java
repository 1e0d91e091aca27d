/**
 * Who may see whom. {@link fr.vigie.access.AccessPolicy#decide} is the policy, a pure function;
 * {@link fr.vigie.access.Relationships} loads the facts it reads (caseload, organization, referral)
 * and makes the changes managers and advisors may make to them; {@link
 * fr.vigie.access.SearchFilter} is the same policy as SQL for searches; {@link
 * fr.vigie.access.Justifications} keeps the reasons given for reads outside a caseload.
 */
package fr.vigie.access;
