package dev.dashmech.schemas.topic;

/** Describing or creating topics failed on the cluster (unreachable, timed out, refused, not authorised). */
public final class TopicProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
