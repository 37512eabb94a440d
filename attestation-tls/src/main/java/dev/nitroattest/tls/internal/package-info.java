/** Not API: the cache of verified certificates. */
package dev.nitroattest.tls.internal;
