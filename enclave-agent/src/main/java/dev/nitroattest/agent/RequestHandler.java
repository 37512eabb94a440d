package dev.nitroattest.agent;

import dev.nitroattest.agent.binding.BindingFileException;
import dev.nitroattest.agent.binding.BindingSource;
import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.agent.protocol.AgentRequest;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.nsm.NsmDescription;
import dev.nitroattest.nsm.NsmErrorException;
import dev.nitroattest.nsm.NsmException;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.nsm.PcrValue;
import java.util.List;

/**
 * Answers one decoded request with the NSM. Only reading operations are reachable: nothing a client sends can
 * extend or lock a PCR, and nothing a client sends becomes a document's public key or user data: those come from the
 * enclave's binding, read for each document, with the client's nonce beside them.
 */
final class RequestHandler {
    private final Nsm nsm;
    private final BindingSource binding;

    RequestHandler(Nsm nsm, BindingSource binding) {
        this.nsm = nsm;
        this.binding = binding;
    }

    AgentResponse handle(AgentRequest request) {
        try {
            if (request instanceof AgentRequest.Attestation r) {
                EnclaveBinding enclave;
                try {
                    enclave = binding.current();
                } catch (BindingFileException e) {
                    return new AgentResponse.Failure(AgentErrorCode.BINDING_UNAVAILABLE, e.getMessage());
                }
                return new AgentResponse.Document(nsm.attestation(
                        new NsmRequest.Attestation(enclave.userData(), r.nonce(), enclave.publicKey())));
            } else if (request instanceof AgentRequest.DescribePcr r) {
                PcrValue pcr = nsm.describePcr(r.index());
                return new AgentResponse.Pcr(r.index(), pcr.locked(), pcr.data());
            } else if (request instanceof AgentRequest.DescribeNsm) {
                NsmDescription description = nsm.describeNsm();
                return new AgentResponse.NsmInfo(description.moduleId(), description.maxPcrs(),
                        List.copyOf(description.lockedPcrs()), description.digest(), description.version());
            }
            return new AgentResponse.Healthy();
        } catch (NsmErrorException e) {
            return new AgentResponse.Failure(AgentErrorCode.NSM_ERROR, e.getMessage());
        } catch (NsmException e) {
            return new AgentResponse.Failure(AgentErrorCode.INTERNAL, "The NSM could not answer: " + e.getMessage());
        }
    }
}
