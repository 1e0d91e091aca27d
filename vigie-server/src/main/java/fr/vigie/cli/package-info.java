/** The {@code vigie} command line, thin over the features' entry points. */
package fr.vigie.cli;
