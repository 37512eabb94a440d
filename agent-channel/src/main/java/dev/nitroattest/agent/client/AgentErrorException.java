package dev.nitroattest.agent.client;

import dev.nitroattest.agent.protocol.AgentErrorCode;
import java.util.Objects;

/** The agent answered with a failure response; the connection remains usable. */
public final class AgentErrorException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The agent's error code. */
    private final AgentErrorCode code;

    /**
     * The agent answered with an error.
     *
     * @param code the agent's error code
     * @param message the agent's sentence
     */
    public AgentErrorException(AgentErrorCode code, String message) {
        super(code + ": " + message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The failure's code, e.g. NSM_ERROR. */
    public AgentErrorCode code() {
        return code;
    }
}
