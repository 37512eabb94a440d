package dev.nitroattest.agent.client;

import java.io.IOException;

/**
 * The agent's answer broke the protocol (malformed, or of the wrong kind for the request). The client closes its
 * connection, since the stream can no longer be trusted.
 */
public final class AgentResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    public AgentResponseException(String message) {
        super(message);
    }
}
