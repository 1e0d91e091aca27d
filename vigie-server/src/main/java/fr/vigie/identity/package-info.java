/**
 * Who works in Vigie: organizations (France Travail agencies, partner networks, subcontractors),
 * staff accounts, roles, sign-in, second factors and account recovery.
 *
 * <p>Other features use {@link fr.vigie.identity.StaffPrincipal#current()} for the signed-in
 * account, and listen to {@link fr.vigie.identity.IdentityEvent} for what happened at sign-in. The
 * web API: {@code /api/session} (password, then {@code /totp}), {@code /api/me/totp} (enrollment),
 * {@code /api/recoveries} (helpdesk resets, manager approvals), Spring Security's {@code
 * /webauthn/**} and {@code /login/webauthn} (passkeys), and {@code /oauth2/authorization/{id}}
 * (partners' identity providers). Every other path needs both factors; {@code /api/persons/**} also
 * needs an account that is not restricted.
 */
package fr.vigie.identity;
