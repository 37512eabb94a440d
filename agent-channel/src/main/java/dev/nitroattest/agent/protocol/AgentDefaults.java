package dev.nitroattest.agent.protocol;

/** The agent's defaults that its clients size themselves against. */
public final class AgentDefaults {
    /** How many connections the agent serves at once unless started with {@code --max-connections}. */
    public static final int MAX_CONNECTIONS = 64;

    private AgentDefaults() {
    }
}
