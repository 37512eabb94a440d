package dev.nitroattest.agent.protocol;

import java.util.Objects;

/** A frame or message breaks the protocol; the code is what the agent answers with. */
public final class AgentProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The error code the client is answered with. */
    private final AgentErrorCode code;

    /**
     * A request or frame the protocol refuses.
     *
     * @param code the error code to answer with
     * @param message one sentence for the client
     */
    public AgentProtocolException(AgentErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * The error code to answer with.
     *
     * @return the code
     */
    public AgentErrorCode code() {
        return code;
    }
}
