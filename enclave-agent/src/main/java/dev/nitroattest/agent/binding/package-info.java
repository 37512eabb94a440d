/**
 * The enclave's binding: the public key and user data that code inside the enclave, never a caller of the agent, has
 * every document carry beside the caller's nonce ({@link dev.nitroattest.agent.binding.EnclaveBinding}), and where the
 * agent takes it from ({@link dev.nitroattest.agent.binding.BindingSource}).
 */
package dev.nitroattest.agent.binding;
