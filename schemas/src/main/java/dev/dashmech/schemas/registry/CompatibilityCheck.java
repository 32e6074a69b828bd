package dev.dashmech.schemas.registry;

import java.util.List;

/**
 * The answer to "may this schema be registered under the subject?": {@code compatible}, and when not, the
 * registry's reasons (possibly empty when it gives none).
 */
public record CompatibilityCheck(boolean compatible, List<String> reasons) {

    public CompatibilityCheck {
        reasons = List.copyOf(reasons);
    }

    public static CompatibilityCheck ok() {
        return new CompatibilityCheck(true, List.of());
    }
}
