/** JMH micro-benchmarks of Vigie's hot pieces: one field's encryption, decryption, blind index. */
package fr.vigie.bench;
