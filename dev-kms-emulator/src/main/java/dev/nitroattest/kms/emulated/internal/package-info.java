/** The emulator's ciphertext blob and JSON handling: not API. */
package dev.nitroattest.kms.emulated.internal;
