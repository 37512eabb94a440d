/**
 * Enclave image files (EIF): reading their header and sections, checking magic, version and CRC, and
 * computing the PCRs an enclave started from the image will report, so that relying services can derive
 * expected measurements from their build artifact; and building them for Java applications
 * ({@link dev.nitroattest.eif.EnclaveImageBuilder}), byte for byte reproducible, with their PCRs known before they
 * run.
 */
package dev.nitroattest.eif;
