/**
 * Enclave image files (EIF): reading their header and sections, checking magic, version and CRC, and
 * computing the PCRs an enclave started from the image will report, so that relying services can derive
 * expected measurements from their build artifact.
 */
package dev.nitroattest.eif;
