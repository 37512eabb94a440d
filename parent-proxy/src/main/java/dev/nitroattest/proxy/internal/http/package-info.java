/**
 * Not API. The HTTP face of the proxy on Jetty's core handler API: {@code POST /v1/attestation},
 * {@code GET /healthz} and {@code GET /metrics}, with every failure answered as JSON.
 */
package dev.nitroattest.proxy.internal.http;
