package dev.dashmech.dashctl;

import dev.dashmech.dashctl.input.CurveCsv;
import dev.dashmech.dashctl.output.Json;
import dev.dashmech.dashctl.output.TextTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.rebalance.RebalancedStrategy;
import dev.dashmech.mechanism.rebalance.Rebalancing;
import dev.dashmech.mechanism.rebalance.RebalancingMode;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dashctl dashboard}: the dashboard of an allocation rule given as a CSV file: for each value of the grid,
 * the bid that implements the rule in the payment format (eq. 3, rebalanced by eq. 6 / Def. 14 when a balance is
 * given) and the forecast win probability.
 */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = {
            "Print the dashboard of an allocation rule: rows value, bid, winProbability (eq. 3, 4), optionally"
                    + " rebalanced for an outstanding balance (Def. 9, 14).",
            "The CSV holds rows value,probability of a monotone rule (an optional header line is skipped). The JSON"
                    + " output (--json) is what 'dashctl infer --dashboard' reads."
        })
final class DashboardCommand extends MathCommand {

    @Option(names = "--format", required = true, paramLabel = "wpb|all-pay", description = "Payment format.")
    String format;

    @Option(names = "--allocation-csv", required = true, paramLabel = "FILE",
            description = "The allocation rule: rows value,probability.")
    Path allocationCsv;

    @Option(names = "--balance", paramLabel = "L",
            description = "Outstanding balance to rebalance (L > 0: the agent has paid too little). Default 0.")
    Double balance;

    @Option(names = "--eta", paramLabel = "E", description = "Rebalancing rate in (0, 1]. Default 0.1.")
    Double eta;

    @Option(names = "--rebalancing", paramLabel = "ir|reference|none",
            description = "Default: ir for wpb, reference for all-pay when --balance is given, else none.")
    String rebalancing;

    @Option(names = "--grid", paramLabel = "N",
            description = "Resample the rule on N uniform points of [0, largest value]; default: the CSV's values.")
    Integer grid;

    @Override
    void execute() {
        PaymentFormat f = parse("--format", () -> PaymentFormat.parse(format));
        AllocationRule rule = rule(CurveCsv.readAllocationRule(allocationCsv));
        double l = balance == null ? 0 : balance;
        if (!Double.isFinite(l)) {
            throw badOption("--balance", balance, "must be a finite number");
        }
        double e = eta == null ? 0.1 : eta;
        if (!(e > 0 && e <= 1)) {
            throw badOption("--eta", eta, "the rebalancing rate must be in (0, 1]");
        }
        RebalancingMode mode = rebalancing != null ? parse("--rebalancing", () -> RebalancingMode.parse(rebalancing))
                : balance != null ? (f == PaymentFormat.WINNER_PAYS_BID ? RebalancingMode.INDIVIDUALLY_RATIONAL
                : RebalancingMode.REFERENCE) : RebalancingMode.NONE;
        Rebalancing policy = parse("--eta", () -> switch (mode) {
            case NONE -> Rebalancing.none();
            case REFERENCE -> Rebalancing.reference(e);
            case INDIVIDUALLY_RATIONAL -> Rebalancing.individuallyRational(e);
        });
        RebalancedStrategy strategy = parse("--rebalancing", () -> policy.apply(rule, f, l, rule.grid().vmax()));
        PublishedDashboard d = parse("--rebalancing", () -> PublishedDashboard.of(strategy));
        out().print(json ? Json.write(d) + "\n" : render(d));
    }

    private AllocationRule rule(CurveCsv csv) {
        double[] xs = csv.xs();
        double[] ps = csv.probabilities();
        if (grid != null) {
            if (grid < 3) {
                throw badOption("--grid", grid, "a value grid needs at least 3 points");
            }
            ValueGrid g = ValueGrid.uniform(xs[xs.length - 1], grid);
            double[] p = new double[grid];
            for (int k = 0; k < grid; k++) {
                p[k] = interpolate(xs, ps, g.point(k));
            }
            return AllocationRule.of(g, p);
        }
        if (xs[0] > 0) { // the grid starts at 0; the rule is flat below the first row
            xs = prepend(0, xs);
            ps = prepend(ps[0], ps);
        }
        return AllocationRule.of(ValueGrid.of(xs), ps);
    }

    private static double[] prepend(double first, double[] rest) {
        double[] a = new double[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    /** The piecewise-linear curve through the rows at {@code z}, flat beyond its ends. */
    private static double interpolate(double[] xs, double[] ps, double z) {
        int n = xs.length;
        if (z <= xs[0]) {
            return ps[0];
        }
        if (z >= xs[n - 1]) {
            return ps[n - 1];
        }
        int i = Arrays.binarySearch(xs, z);
        if (i >= 0) {
            return ps[i];
        }
        int k = -i - 2;
        double t = (z - xs[k]) / (xs[k + 1] - xs[k]);
        return ps[k] + t * (ps[k + 1] - ps[k]);
    }

    static String render(PublishedDashboard d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.format()).append(" dashboard");
        if (!d.rebalancing().equals(RebalancingMode.NONE.label())) {
            sb.append(String.format(Locale.ROOT, ", %s rebalancing of balance %s (resolving %s) at eta %s",
                    d.rebalancing(), TextTable.number(d.balance()), TextTable.number(d.balanceUsed()),
                    TextTable.number(d.eta())));
        }
        if (d.vDagger() != null) {
            sb.append(", v† = ").append(TextTable.number(d.vDagger()));
        }
        sb.append("\n\n");
        boolean mark = d.vDagger() != null;
        TextTable t = mark ? TextTable.of("value", "bid", "winProbability", "")
                : TextTable.of("value", "bid", "winProbability");
        for (int k = 0; k < d.values().length; k++) {
            double v = d.values()[k];
            if (mark) {
                t.row(v, d.bids()[k], d.winProbabilities()[k], v == d.vDagger() ? "<- v†" : null);
            } else {
                t.row(v, d.bids()[k], d.winProbabilities()[k]);
            }
        }
        return sb.append(t.render()).toString();
    }

    /** Runs a mechanism call, reporting its argument errors as bad input for {@code option}. */
    static <T> T parse(String option, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException(option + ": " + e.getMessage(), e);
        }
    }
}
