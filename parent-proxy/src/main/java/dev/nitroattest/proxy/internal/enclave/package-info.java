/**
 * Not API. The proxy's side of the enclave agent: pooled connections, the in-flight limit, timeouts, and the
 * verification of every document before it is served.
 */
package dev.nitroattest.proxy.internal.enclave;
