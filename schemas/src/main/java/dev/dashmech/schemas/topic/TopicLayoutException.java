package dev.dashmech.schemas.topic;

import java.util.List;

/**
 * The topics on the cluster do not fit the catalog in a way the services must not run on; the message lists
 * every problem, naming topics, counts and how to fix them.
 */
public final class TopicLayoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public TopicLayoutException(List<String> problems) {
        super("the topic layout does not fit the catalog:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
