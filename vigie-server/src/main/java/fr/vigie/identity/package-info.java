/**
 * Who works in Vigie: organizations (France Travail agencies, partner networks, subcontractors),
 * staff accounts, roles, sign-in, second factors and account recovery.
 */
package fr.vigie.identity;
