/** Test kit: a deterministic test PKI, a byte-exact attestation document builder and mutators. */
package dev.nitroattest.testkit;
