/** Not API: the DER writer of the enclave's certificate. */
package dev.nitroattest.tls.enclave.internal;
