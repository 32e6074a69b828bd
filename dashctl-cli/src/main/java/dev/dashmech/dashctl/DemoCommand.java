package dev.dashmech.dashctl;

import dev.dashmech.dashctl.demo.DemoReport;
import dev.dashmech.dashctl.demo.DemoRun;
import dev.dashmech.dashctl.output.Json;
import dev.dashmech.dashctl.output.TextTable;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dashctl demo}: the pipeline on an embedded Kafka broker, end to end, with a per-agent summary. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the dashboard mechanism on Kafka: an embedded broker (or --bootstrap-servers), the stage engine as a"
                    + " Kafka Streams app (exactly_once_v2), synthetic bidders that follow their dashboards, and a"
                    + " stand-in publisher that republishes each agent's instrumented dashboard (Def. 17), rebalanced"
                    + " with its balance, after every batch of stages.",
            "Prints per agent its true and inferred value, wins, payments, truthful payments and outstanding balance"
                    + " against the paper's bound, and where every bid went (a few bad bids are sent on purpose)."
        })
final class DemoCommand extends MathCommand {

    @Option(names = "--stages", paramLabel = "N", defaultValue = "1000", description = "Stages (default ${DEFAULT-VALUE}).")
    int stages;

    @Option(names = "--agents", paramLabel = "K", defaultValue = "6", description = "Bidders (default ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--republish-every", paramLabel = "K", defaultValue = "20",
            description = "Stages between dashboard republications (default ${DEFAULT-VALUE}).")
    int republishEvery;

    @Option(names = "--rho", defaultValue = "0.2", description = "Instrumentation rate ρ (default ${DEFAULT-VALUE}).")
    double rho;

    @Option(names = "--eta", defaultValue = "0.04", description = "Rebalancing rate η (default ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this broker instead of starting an embedded one.")
    String bootstrapServers;

    @Override
    void execute() {
        DemoRun.Options options;
        try {
            options = new DemoRun.Options(stages, agents, republishEvery, rho, eta, seed, bootstrapServers);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        DemoReport report = DemoRun.run(options, err());
        out().print(json ? Json.write(report) + "\n" : render(report));
        if (!report.everyBidAccounted()) {
            err().println("dashctl demo: " + report.bidsSent() + " bids sent but " + report.outcomeEntries()
                    + " outcome entries and " + report.rejected() + " rejections came back");
            throw new RunFailedException();
        }
    }

    static String render(DemoReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n%d stages in %.1f s (%.0f bids/s, latency-bound: each batch waits"
                + " for its outcomes); closed: %s%n", r.stages(), r.seconds(), r.bidsPerSecond(), r.stagesClosed()));
        TextTable t = TextTable.of("agent", "format", "value", "inferred", "mean|err|", "stages", "wins", "paid",
                "truthful", "balance", "max|L|", "bound", "dashboard");
        for (DemoReport.Agent a : r.agents()) {
            t.row(a.id(), a.format(), a.trueValue(), a.inferredValue(), a.meanAbsInferenceError(), a.stages(),
                    a.wins(), a.paid(), a.truthfulPaid(), a.balance(), a.maxAbsBalance(), a.balanceBound(),
                    "v" + a.dashboardVersion());
        }
        sb.append(t.render());
        sb.append(String.format(Locale.ROOT, "%nbids sent %d = %d in stage outcomes + %d rejected %s: %s%n",
                r.bidsSent(), r.outcomeEntries(), r.rejected().values().stream().mapToLong(Long::longValue).sum(),
                r.rejected(), r.everyBidAccounted() ? "every bid accounted for" : "BIDS MISSING"));
        sb.append(String.format(Locale.ROOT, "dashboards published: %d; balances: L > 0 means the agent paid less"
                + " than the truthful mechanism would have charged; bound vmax/(ρη) (Cor. 2)%n",
                r.dashboardsPublished()));
        return sb.toString();
    }
}
