/**
 * Enclave images for Java applications, built without Docker in the layout nitro-cli makes, byte for byte the same
 * from the same inputs, with their PCRs known before they run: {@link dev.nitroattest.image.EnclaveImageBuilder},
 * and {@link dev.nitroattest.image.Jlink} for the runtime. A build-time library: an enclave image never carries it.
 */
package dev.nitroattest.image;
