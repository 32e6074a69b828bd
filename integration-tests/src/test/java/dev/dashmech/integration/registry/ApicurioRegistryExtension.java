package dev.dashmech.integration.registry;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link ApicurioRegistry} of the test run: started by the first test class that uses the
 * extension, shared by all later ones, closed when the run ends (it lives in the root context's store).
 *
 * <p>Use {@code @ExtendWith(ApicurioRegistryExtension.class)} and take an {@link ApicurioRegistry} parameter in
 * a constructor, a {@code @BeforeAll}/{@code @BeforeEach} method or a test method. Every test shares the
 * registry's state, so each test should use its own subjects (i.e. its own topic names). The registry-wide
 * compatibility level is set to {@code BACKWARD}, the level dashmech's records promise.
 */
public final class ApicurioRegistryExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ApicurioRegistryExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        registry(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ApicurioRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return registry(extensionContext);
    }

    private static ApicurioRegistry registry(ExtensionContext context) {
        // values of the root store that are AutoCloseable are closed when the whole test run ends
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ApicurioRegistry.class, type -> {
            ApicurioRegistry registry = ApicurioRegistry.start();
            registry.setGlobalCompatibility("BACKWARD");
            return registry;
        }, ApicurioRegistry.class);
    }
}
