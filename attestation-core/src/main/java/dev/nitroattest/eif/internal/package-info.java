/**
 * Not API: the ramdisk archive writer behind {@link dev.nitroattest.eif.EnclaveImageBuilder}. Not exported by the
 * module.
 */
package dev.nitroattest.eif.internal;
