/**
 * The Linux system calls behind vsock and the NSM device, through JNA: {@link dev.nitroattest.linux.LibC} declares
 * them and {@link dev.nitroattest.linux.Errno} names what they report.
 */
package dev.nitroattest.linux;
