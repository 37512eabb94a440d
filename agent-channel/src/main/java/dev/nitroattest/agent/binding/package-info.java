/**
 * The enclave's binding: the public key and user data that code inside the enclave, never a caller of the agent, has
 * every document carry beside the caller's nonce ({@link dev.nitroattest.agent.binding.EnclaveBinding}), and where the
 * agent takes it from ({@link dev.nitroattest.agent.binding.BindingSource}). Its file is shared by the enclave's
 * applications, which publish it (enclave-tls's {@code AttestedIdentity}, or their own code), and the agent, which
 * reads it: so it lives here, beside the agent's protocol, and neither side needs the other's module.
 */
package dev.nitroattest.agent.binding;
