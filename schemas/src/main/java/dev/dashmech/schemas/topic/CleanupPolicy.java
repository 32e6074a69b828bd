package dev.dashmech.schemas.topic;

/** A topic's {@code cleanup.policy}. */
public enum CleanupPolicy {
    /** Old segments are deleted after the retention time: for event streams. */
    DELETE("delete"),
    /** The latest record per key is kept forever: for state (configurations, balances, dashboards). */
    COMPACT("compact");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of Kafka's {@code cleanup.policy} topic setting. */
    public String configValue() {
        return configValue;
    }
}
