/** The NSM device {@code /dev/nsm}, reached through JNA with the driver's one ioctl. */
package dev.nitroattest.nsm.device;
