/** Parsing and verification of AWS Nitro Enclaves attestation documents. */
package dev.nitroattest.attestation;
