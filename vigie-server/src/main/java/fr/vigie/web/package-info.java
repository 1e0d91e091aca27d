/** The console: web pages and the HTTP API, thin over the features' entry points. */
package fr.vigie.web;
