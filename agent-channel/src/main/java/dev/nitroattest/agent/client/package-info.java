/** A client of the enclave agent over any {@link dev.nitroattest.vsock.ConnectEndpoint}: the parent proxy's side. */
package dev.nitroattest.agent.client;
