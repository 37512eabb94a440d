/** The JNA binding to the C library. Not API. */
package dev.nitroattest.linux.internal;
