/** The parent proxy: HTTP attestation API and allow-listed vsock forwarder. */
package dev.nitroattest.proxy;
