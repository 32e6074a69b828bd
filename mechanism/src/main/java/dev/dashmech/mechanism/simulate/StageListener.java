package dev.dashmech.mechanism.simulate;

/** Receives every stage of a run, for tests and traces. */
@FunctionalInterface
public interface StageListener {

    /** Called after each stage that had at least one agent. */
    void onStage(StageView stage);
}
