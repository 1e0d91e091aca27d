/** Who may see whom: relationships (caseloads, referrals), the policy, masking, justifications. */
package fr.vigie.access;
