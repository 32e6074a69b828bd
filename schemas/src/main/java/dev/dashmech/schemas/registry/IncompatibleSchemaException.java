package dev.dashmech.schemas.registry;

import java.util.List;

/**
 * The registry refused to register a schema because it breaks the subject's compatibility rule (HTTP
 * 409). The fix is to change the schema (add fields with defaults, do not change types) or, deliberately,
 * the subject's compatibility level.
 */
public final class IncompatibleSchemaException extends SchemaRegistryException {

    private final String subject;
    private final List<String> reasons;

    public IncompatibleSchemaException(String registryUrl, String subject, List<String> reasons, String message) {
        super(registryUrl, message);
        this.subject = subject;
        this.reasons = List.copyOf(reasons);
    }

    public String subject() {
        return subject;
    }

    /** What is incompatible, as the registry said it; may be empty when the registry gave no detail. */
    public List<String> reasons() {
        return reasons;
    }
}
