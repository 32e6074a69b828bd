package dev.dashmech.integration.broker;

import dev.dashmech.platform.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link EmbeddedKafkaBroker} of the test run (platform's in-process KRaft node on 127.0.0.1):
 * started by the first test class that uses the extension, shared by later ones, closed (data deleted) when the
 * run ends. Take an {@link EmbeddedKafkaBroker} parameter; every test must use topic names of its own.
 */
public final class SharedBrokerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedBrokerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    private static EmbeddedKafkaBroker broker(ExtensionContext context) {
        // values of the root store that are AutoCloseable are closed when the whole test run ends
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(EmbeddedKafkaBroker.class,
                type -> EmbeddedKafkaBroker.start(), EmbeddedKafkaBroker.class);
    }
}
