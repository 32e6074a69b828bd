package dev.dashmech.platform.broker;

import java.nio.file.Path;

/**
 * {@code java -cp <test classpath> dev.dashmech.platform.broker.StandaloneBrokerMain --port P --controller-port C
 * --data DIR}: the foreground broker exactly as {@code dashctl broker} runs it, started as a child process by
 * {@link StandaloneKafkaBrokerProcessTest}.
 */
public final class StandaloneBrokerMain {

    private StandaloneBrokerMain() {
    }

    public static void main(String[] args) {
        StandaloneKafkaBroker.Options options = StandaloneKafkaBroker.Options.of(Path.of(value(args, "--data")))
                .withPort(Integer.parseInt(value(args, "--port")))
                .withControllerPort(Integer.parseInt(value(args, "--controller-port")));
        System.exit(StandaloneKafkaBroker.runInForeground(options, System.out, System.err));
    }

    private static String value(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name);
    }
}
