package dev.dashmech.dashctl;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.dashmech.platform.broker.StandaloneKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dashctl broker}: a real single-node Kafka broker in the foreground, for external clients. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a real single-node Kafka broker (KRaft, broker and controller in one process) on 127.0.0.1 in the "
                    + "foreground, for any Kafka client: kcat, librdkafka, the Confluent Python client, Java.",
            "Prints its bootstrap address (127.0.0.1:PORT) on stdout when ready; Ctrl-C or SIGTERM stops it cleanly.",
            "A new data directory is formatted once (kafka-storage format --standalone) and gets a server.properties "
                    + "you may edit; restarting on the same directory keeps its topics. Topics are not created "
                    + "automatically."
        })
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT",
            description = "Broker port on 127.0.0.1. Default: 9092 for a new data directory, else the port it was "
                    + "created with.")
    Integer port;

    @Option(names = "--controller-port", paramLabel = "PORT",
            description = "KRaft controller port on 127.0.0.1. Default: the broker port + 1 for a new data directory, "
                    + "else the port it was created with.")
    Integer controllerPort;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".dashctl/broker",
            description = "Data directory (server.properties and the Kafka logs); created when missing. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StandaloneKafkaBroker.Options options = StandaloneKafkaBroker.Options.of(data);
        try {
            if (port != null) {
                options = options.withPort(port);
            }
            if (controllerPort != null) {
                options = options.withControllerPort(controllerPort);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return StandaloneKafkaBroker.runInForeground(options, System.out, System.err);
    }
}
