/**
 * An emulated NSM for development and tests: it answers the same request bytes with the same response bytes as the
 * real one, and signs attestation documents with a test PKI (or a key and chain from files) whose root can be
 * exported so that verifiers can trust it in tests. Its documents prove nothing about what runs.
 */
package dev.nitroattest.nsm.emulated;
