package dev.dashmech.dashctl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dashctl bench}: throughput benchmarks of the pipeline's services on an embedded broker. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Throughput benchmarks on an embedded Kafka broker; each compares a service with a pass-through"
                + " Kafka Streams application on the same records in the same run.",
        subcommands = {
            BenchEngineCommand.class,
        })
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
