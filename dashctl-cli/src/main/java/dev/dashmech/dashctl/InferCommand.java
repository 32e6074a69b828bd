package dev.dashmech.dashctl;

import dev.dashmech.dashctl.input.CurveCsv;
import dev.dashmech.dashctl.output.Json;
import dev.dashmech.dashctl.output.TextTable;
import dev.dashmech.mechanism.bidding.BidAllocationCurve;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dashctl infer}: the value behind a bid, either by the first-order condition on a bare bid-allocation curve
 * (eq. 5) or by inverting a published dashboard ({@code v̂ = c⁻¹(b)}).
 */
@Command(
        name = "infer",
        mixinStandardHelpOptions = true,
        description = {
            "Infer the value behind a bid.",
            "With --bid-allocation-csv (rows bid,probability of an observed bid-allocation curve) and --format: eq. 5,"
                    + " winner-pays-bid v = b + x(b)/x'(b), all-pay v = 1/x'(b).",
            "With --dashboard (a file printed by 'dashctl dashboard --json'): invert the dashboard's bids."
        })
final class InferCommand extends MathCommand {

    @Option(names = "--bid", required = true, paramLabel = "B", description = "The bid.")
    double bid;

    @Option(names = "--format", paramLabel = "wpb|all-pay", description = "Payment format (with --bid-allocation-csv).")
    String format;

    @Option(names = "--bid-allocation-csv", paramLabel = "FILE",
            description = "Bid-allocation curve: rows bid,probability.")
    Path bidAllocationCsv;

    @Option(names = "--dashboard", paramLabel = "FILE",
            description = "A dashboard JSON from 'dashctl dashboard --json'.")
    Path dashboard;

    /** What {@code --json} prints. */
    public record Inference(String method, String format, double bid, double inferredValue, double winProbability,
                            Double slope, String clamp) {
    }

    @Override
    void execute() {
        if (!Double.isFinite(bid)) {
            throw badOption("--bid", bid, "must be a finite number");
        }
        if ((bidAllocationCsv == null) == (dashboard == null)) {
            throw new BadInputException("give exactly one of --bid-allocation-csv FILE (with --format) or --dashboard"
                    + " FILE");
        }
        Inference r = dashboard != null ? fromDashboard() : fromCurve();
        if (json) {
            out().println(Json.write(r));
        } else {
            TextTable t = r.slope() == null
                    ? TextTable.of("method", "format", "bid", "inferredValue", "winProbability", "clamp")
                            .row(r.method(), r.format(), r.bid(), r.inferredValue(), r.winProbability(), r.clamp())
                    : TextTable.of("method", "format", "bid", "inferredValue", "winProbability", "slope")
                            .row(r.method(), r.format(), r.bid(), r.inferredValue(), r.winProbability(), r.slope());
            out().print(t.render());
        }
    }

    private Inference fromCurve() {
        if (format == null) {
            throw new BadInputException("--bid-allocation-csv needs --format wpb|all-pay: eq. 5 differs by format");
        }
        PaymentFormat f = DashboardCommand.parse("--format", () -> PaymentFormat.parse(format));
        CurveCsv csv = CurveCsv.readBidAllocationRule(bidAllocationCsv);
        BidAllocationCurve curve = DashboardCommand.parse(bidAllocationCsv.toString(),
                () -> BidAllocationCurve.of(csv.xs(), csv.probabilities()));
        double v = DashboardCommand.parse("--bid", () -> curve.inferValue(bid, f)); // eq. 5
        return new Inference("eq. 5", f.label(), bid, v, curve.probability(bid), curve.slope(bid), null);
    }

    private Inference fromDashboard() {
        if (format != null) {
            throw new BadInputException("--format belongs to --bid-allocation-csv; a dashboard names its own format");
        }
        PublishedDashboard d = PublishedDashboard.read(dashboard);
        PaymentFormat f = d.paymentFormat(dashboard.toString());
        BidTable table = d.table(dashboard.toString());
        double v = DashboardCommand.parse("--bid", () -> table.inferValue(bid)); // v̂ = c⁻¹(b)
        String clamp = table.clampOf(bid).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return new Inference("dashboard inversion", f.label(), bid, v, table.winProbabilityForBid(bid), null, clamp);
    }
}
