/**
 * Keys and the narrow doors through which data is encrypted: the key-encryption keyset that never
 * sits in the database, the per-person data keys it wraps, the blind-index keys, and rotation.
 * Every use of Google Tink is here; callers never see key bytes.
 */
package fr.vigie.crypto;
