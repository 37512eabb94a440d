package dev.nitroattest.agent.protocol;

import java.util.Arrays;
import java.util.Optional;

/** The error codes of a failure response ({@code "error"}). */
public enum AgentErrorCode {
    /** The frame or the map in it is not a well-formed request: zero length, not CBOR, wrong key or type. */
    BAD_REQUEST,
    /** The frame is over 65536 bytes, or a field is over its limit (1024 bytes for nonce, user_data, public_key). */
    TOO_LARGE,
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
