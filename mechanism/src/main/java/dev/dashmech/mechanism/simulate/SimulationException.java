package dev.dashmech.mechanism.simulate;

/**
 * A run that cannot continue, e.g. a dashboard that cannot be published for an agent's balance; the message names
 * the stage and the agent.
 */
public final class SimulationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long stage;
    private final String agent;

    SimulationException(long stage, String agent, RuntimeException cause) {
        super("stage " + stage + ", agent '" + agent + "': " + cause.getMessage(), cause);
        this.stage = stage;
        this.agent = agent;
    }

    /** The stage the run stopped at. */
    public long stage() {
        return stage;
    }

    /** The id of the agent whose step failed. */
    public String agent() {
        return agent;
    }
}
