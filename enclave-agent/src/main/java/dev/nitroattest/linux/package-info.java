/** What the Linux system calls behind the NSM device and vsock report: {@link dev.nitroattest.linux.Errno}. */
package dev.nitroattest.linux;
