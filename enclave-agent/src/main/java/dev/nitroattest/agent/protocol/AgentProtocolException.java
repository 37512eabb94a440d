package dev.nitroattest.agent.protocol;

import java.util.Objects;

/** A frame or message breaks the protocol; the code is what the agent answers with. */
public final class AgentProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final AgentErrorCode code;

    public AgentProtocolException(AgentErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public AgentErrorCode code() {
        return code;
    }
}
