package dev.dashmech.schemas.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A subject's compatibility rule, as named by the Confluent API. dashmech's policy is {@link #BACKWARD}:
 * consumers upgraded to a new schema still read everything written with the previous one.
 */
public enum CompatibilityLevel {
    /** Any schema may follow any other. */
    NONE(false, false, false),
    /** The new schema can read data written with the latest registered one. */
    BACKWARD(true, false, false),
    /** The new schema can read data written with every registered one. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** The latest registered schema can read data written with the new one. */
    FORWARD(false, true, false),
    /** Every registered schema can read data written with the new one. */
    FORWARD_TRANSITIVE(false, true, true),
    /** Both BACKWARD and FORWARD against the latest. */
    FULL(true, true, false),
    /** Both BACKWARD and FORWARD against every registered schema. */
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Whether the new schema, as reader, must read data written with earlier ones. */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** Whether earlier schemas, as readers, must read data written with the new one. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Whether the rule holds against every registered version rather than the latest only. */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level as the Confluent API spells it, ignoring case. */
    public static CompatibilityLevel parse(String text) {
        if (text != null) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // fall through to the error naming the legal values
            }
        }
        throw new IllegalArgumentException("unknown compatibility level '" + text + "'; use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
