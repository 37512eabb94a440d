package dev.nitroattest.agent.protocol;

import java.util.Arrays;
import java.util.Optional;

/** The error codes of a failure response ({@code "error"}). */
public enum AgentErrorCode {
    /** The frame or the map in it is not a well-formed request: zero length, not CBOR, wrong key or type. */
    BAD_REQUEST,
    /** The frame is over 65536 bytes, or the nonce is over 1024 bytes. */
    TOO_LARGE,
    /**
     * An attestation request carries {@code public_key} or {@code user_data} (in any value, null included): only
     * code inside the enclave chooses what its documents bind, so a caller on the network may choose neither. A
     * caller's own context belongs in the nonce.
     */
    CALLER_BINDING_REFUSED,
    /**
     * The agent attaches the enclave's binding to every document (its {@code --binding-file}) and cannot read it now:
     * the enclave application has not published it yet, or the file is not a regular file, too large or malformed.
     * The message says which; no document is made without the binding.
     */
    BINDING_UNAVAILABLE,
    /** The op is not one the agent offers. */
    UNKNOWN_OP,
    /** The NSM refused; the message names the NSM's error. */
    NSM_ERROR,
    /** The agent or its NSM device failed. */
    INTERNAL;

    /** The code with this name, if there is one. */
    public static Optional<AgentErrorCode> fromName(String name) {
        return Arrays.stream(values()).filter(code -> code.name().equals(name)).findFirst();
    }
}
