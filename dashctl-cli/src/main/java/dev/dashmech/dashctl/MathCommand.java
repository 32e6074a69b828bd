package dev.dashmech.dashctl;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the offline math commands ({@code simulate}, {@code dashboard}, {@code infer}) share: a {@code --json}
 * switch, output through picocli's writers (so tests capture it), and bad input reported on stderr with exit
 * code {@link BadInputException#EXIT_CODE}.
 */
abstract class MathCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public final Integer call() {
        try {
            execute();
            out().flush();
            return 0;
        } catch (BadInputException e) {
            err().println("dashctl " + spec.name() + ": " + e.getMessage());
            err().flush();
            return BadInputException.EXIT_CODE;
        } catch (RunFailedException e) {
            err().flush();
            return 1;
        }
    }

    /** A failure the command has already explained on stderr; exit code 1. */
    static final class RunFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Runs the command, printing to {@link #out()}; throws {@link BadInputException} on bad input. */
    abstract void execute();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A picocli option value outside what the command accepts. */
    static BadInputException badOption(String option, Object value, String what) {
        return new BadInputException("option " + option + ": " + what + ", was " + value);
    }
}
