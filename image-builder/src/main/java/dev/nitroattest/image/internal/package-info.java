/**
 * Not API: the ramdisk archive writer behind {@link dev.nitroattest.image.EnclaveImageBuilder}. Not exported by the
 * module.
 */
package dev.nitroattest.image.internal;
