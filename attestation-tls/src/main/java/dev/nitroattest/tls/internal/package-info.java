/** Not API: the DER reader of certificates and the cache of verified certificates. */
package dev.nitroattest.tls.internal;
