package dev.dashmech.dashctl;

import dev.dashmech.dashctl.input.ScenarioFile;
import dev.dashmech.dashctl.output.Json;
import dev.dashmech.dashctl.output.TextTable;
import dev.dashmech.mechanism.simulate.AgentReport;
import dev.dashmech.mechanism.simulate.RunReport;
import dev.dashmech.mechanism.simulate.Scenario;
import dev.dashmech.mechanism.simulate.SimulationException;
import dev.dashmech.mechanism.simulate.Simulator;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dashctl simulate}: runs a scenario file through the sequential simulator and prints the run report. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Run a scenario stage by stage through the dashboard mechanism, offline, and report per agent what it won,"
                    + " paid, should have paid in the sequential truthful mechanism, and its outstanding balance"
                    + " against the paper's bound.",
            "The same scenario and seed print the same report; timing goes to stderr."
        })
final class SimulateCommand extends MathCommand {

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Scenario YAML file.")
    Path scenario;

    @Option(names = "--stages", paramLabel = "N", description = "Number of stages (replaces the file's).")
    Long stages;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw (replaces the file's).")
    Long seed;

    @Override
    void execute() {
        if (stages != null && stages < 1) {
            throw badOption("--stages", stages, "a run has at least 1 stage");
        }
        Scenario s = ScenarioFile.read(scenario, stages, seed);
        long start = System.nanoTime();
        RunReport report;
        try {
            report = Simulator.run(s);
        } catch (SimulationException e) {
            err().println("dashctl simulate: the run stopped at " + e.getMessage());
            throw new RunFailedException();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out().print(json ? Json.write(report) + "\n" : render(report));
        err().printf(Locale.ROOT, "simulated %d stages of %d agents in %.2f s (%.0f stages/s)%n", s.stages(),
                s.agents().size(), seconds, s.stages() / seconds);
        err().flush();
    }

    static String render(RunReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %s dashboard, %s rebalancing, rho %s, eta %s, vmax %s%n",
                r.algorithm(), r.dashboard(), r.rebalancing(), num(r.rho()), num(r.eta()), num(r.valueMax())));
        sb.append(String.format(Locale.ROOT, "%d stages, seed %d, dashboards rebalanced with the %s balance%n",
                r.stages(), r.seed(), r.balanceUsed()));
        sb.append(String.format(Locale.ROOT, "welfare %s (the algorithm on true values: %s)%n%n",
                TextTable.number(r.welfare()), TextTable.number(r.algorithmWelfare())));
        TextTable t = TextTable.of("agent", "format", "strategy", "stages", "value", "inferred", "mean|err|",
                "wins", "paid", "truthful", "balance", "max|L|", "bound", "source", "max|L|/T");
        for (AgentReport a : r.agents()) {
            t.row(a.id(), a.format(), a.strategy(), a.activeStages(), a.trueValue(), a.inferredValue(),
                    a.meanAbsInferenceError(), a.wins(), a.paid(), a.truthfulPaid(), a.finalBalance(),
                    a.maxAbsBalance(), a.balanceBound(), a.boundSource(), a.incentiveInconsistency());
        }
        return sb.append(t.render()).toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
