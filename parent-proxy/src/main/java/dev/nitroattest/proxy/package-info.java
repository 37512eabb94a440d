/**
 * The parent proxy, which runs on the EC2 instance that hosts an enclave: an HTTP attestation API in front of the
 * enclave agent, and an allow-listed forwarder from vsock ports to fixed TCP destinations.
 *
 * <p>{@link dev.nitroattest.proxy.ProxyMain} is the command line; {@link dev.nitroattest.proxy.ParentProxy} runs the
 * same thing embedded (tests, the load test). Everything under {@code internal} is not API.
 */
package dev.nitroattest.proxy;
