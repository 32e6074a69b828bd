package dev.dashmech.schemas.topic;

import java.util.List;

/**
 * What ensuring a catalog's topics will do: the topics to create, the existing ones that fit, warnings
 * (differences that work but may surprise: retention, partitions of outward topics) and errors (a layout the
 * services must not run on: co-partitioned topics with unequal partition counts, wrong cleanup policy).
 */
public record TopicPlan(List<TopicSpec> toCreate, List<TopicSpec> existing, List<String> warnings,
                        List<String> errors) {

    public TopicPlan {
        toCreate = List.copyOf(toCreate);
        existing = List.copyOf(existing);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /**
     * @throws TopicLayoutException listing every error, when there is any
     */
    public TopicPlan throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new TopicLayoutException(errors);
        }
        return this;
    }
}
