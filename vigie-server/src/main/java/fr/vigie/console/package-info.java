/**
 * The console: server-rendered pages (Thymeleaf, htmx for the live parts) where staff work in a
 * browser, in French. Each page calls the same entry points as the API ({@code
 * identity.StaffSignIn}, {@code access.PersonReads} through {@code web.PersonSearch}, {@code
 * detection.AccessWatch}), never a second path to data. No personal data in URLs or titles: persons
 * are reached by their opaque id, searches are posted, and results cross the redirect as flash
 * attributes.
 */
package fr.vigie.console;
