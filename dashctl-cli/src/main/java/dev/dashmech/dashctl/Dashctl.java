package dev.dashmech.dashctl;

import dev.dashmech.platform.streams.FormatLocale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dashctl}: the one command line of the project. */
@Command(
        name = "dashctl",
        mixinStandardHelpOptions = true,
        versionProvider = Dashctl.Version.class,
        description = "Dashboard mechanisms for online marketplaces, on Apache Kafka.",
        subcommands = {
            CommandLine.HelpCommand.class,
            BrokerCommand.class,
            SimulateCommand.class,
            DashboardCommand.class,
            InferCommand.class,
            DemoCommand.class,
            RunCommand.class,
            BenchCommand.class,
        })
public final class Dashctl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        FormatLocale.preferUsEnglish(); // Kafka Streams formats a string per record; see FormatLocale
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, as {@code main} runs it; tests execute commands through it. */
    public static CommandLine commandLine() {
        return new CommandLine(new Dashctl());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Dashctl.class.getPackage().getImplementationVersion();
            return new String[] {"dashctl " + (v == null ? "(development build)" : v)};
        }
    }
}
