package dev.nitroattest.proxy.internal.enclave;

import java.util.Objects;

/**
 * What the agent's health operation showed.
 *
 * @param message why the enclave is not healthy, for any HTTP client: no endpoint, no I/O failure's own words; empty
 *     when it is healthy
 * @param detail the same with what only the operator's log should show (the agent's endpoint, the failure)
 */
public record EnclaveHealth(boolean healthy, String message, String detail) {

    public EnclaveHealth {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(detail, "detail");
    }

    static EnclaveHealth up() {
        return new EnclaveHealth(true, "", "");
    }

    /** Unhealthy, with nothing more to say in the log than in the answer. */
    static EnclaveHealth down(String message) {
        return new EnclaveHealth(false, message, message);
    }

    static EnclaveHealth down(String message, String detail) {
        return new EnclaveHealth(false, message, detail);
    }
}
