/**
 * Not API. The relying party of the one-command demo ({@code ./demo} at the repository root): asks the parent proxy
 * for a document with a fresh nonce and verifies it independently with attestation-core. It ships in
 * dev-tools/target/dev-tools.jar, never in parent-proxy.jar.
 */
package dev.nitroattest.tools.demo;
