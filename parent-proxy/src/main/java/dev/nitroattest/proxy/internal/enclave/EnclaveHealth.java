package dev.nitroattest.proxy.internal.enclave;

import java.util.Objects;

/**
 * What the agent's health operation showed.
 *
 * @param message why the enclave is not healthy; empty when it is
 */
public record EnclaveHealth(boolean healthy, String message) {

    public EnclaveHealth {
        Objects.requireNonNull(message, "message");
    }

    static EnclaveHealth up() {
        return new EnclaveHealth(true, "");
    }

    static EnclaveHealth down(String message) {
        return new EnclaveHealth(false, message);
    }
}
