package dev.nitroattest.proxy.internal.metrics;

import java.util.Locale;

/** Why talking to the enclave agent failed, as the metrics label it. */
public enum ConnectionErrorKind {
    /** No connection could be made: nothing listens, the enclave is gone, or the agent is at its limit. */
    CONNECT,
    /** A made connection broke: the agent closed it, restarted, or stopped answering in time. */
    TRANSPORT,
    /** The agent's answer broke the agent protocol. */
    PROTOCOL;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
