package dev.nitroattest.agent.client;

import java.io.IOException;

/**
 * The agent's answer broke the protocol (malformed, or of the wrong kind for the request). The client closes its
 * connection, since the stream can no longer be trusted.
 */
public final class AgentResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * The agent's answer was not a well-formed response.
     *
     * @param message one sentence saying what was wrong with it
     */
    public AgentResponseException(String message) {
        super(message);
    }
}
