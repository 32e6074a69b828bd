package dev.dashmech.schemas.check;

import dev.dashmech.schemas.avro.AlgorithmType;
import dev.dashmech.schemas.avro.AllocationAlgorithm;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.DashboardKind;
import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.avro.PaymentFormat;
import dev.dashmech.schemas.avro.RebalancingKind;
import dev.dashmech.schemas.topic.MarketKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The invariants of {@link MarketConfig} and {@link Dashboard} that their field docs state. Each method
 * returns every problem found, one sentence each naming the field and the bad value (empty when the record
 * is good); the {@code require...} forms throw them together.
 */
public final class RecordChecks {

    private RecordChecks() {
    }

    /** Problems of a market configuration. */
    public static List<String> problemsOf(MarketConfig c) {
        List<String> p = new ArrayList<>();
        try {
            MarketKeys.requireMarketId(c.getMarket());
        } catch (IllegalArgumentException e) {
            p.add("market: " + e.getMessage());
        }
        checkAlgorithm(c.getAlgorithm(), p);
        positiveFinite("valueMax", c.getValueMax(), p);
        if (c.getValueMaxByAgent() != null) {
            for (Map.Entry<String, Double> e : c.getValueMaxByAgent().entrySet()) {
                positiveFinite("valueMaxByAgent[" + e.getKey() + "]", e.getValue(), p);
            }
        }
        if (c.getGridSize() < 2) {
            p.add("gridSize is " + c.getGridSize() + "; a value grid needs at least 2 points");
        }
        if (!(c.getRho() >= 0 && c.getRho() < 1)) {
            p.add("rho is " + c.getRho() + "; the instrumentation rate must lie in [0, 1)");
        }
        if (!(c.getEta() > 0 && c.getEta() <= 1)) {
            p.add("eta is " + c.getEta() + "; the rebalancing rate must lie in (0, 1]");
        }
        if (c.getDashboardKind() == DashboardKind.INSTRUMENTED && c.getRho() == 0) {
            p.add("dashboardKind is INSTRUMENTED but rho is 0: instrumented dashboards are built from the"
                    + " instrumentation samples, so set rho > 0 or choose another kind");
        }
        if (c.getLookback() < 1) {
            p.add("lookback is " + c.getLookback() + "; it counts stages and must be >= 1");
        }
        List<PaymentFormat> formats = c.getPaymentFormats();
        if (formats.isEmpty()) {
            p.add("paymentFormats is empty; allow at least one of " + List.of(PaymentFormat.values()));
        } else if (new HashSet<>(formats).size() != formats.size()) {
            p.add("paymentFormats " + formats + " repeats a format");
        }
        if (!(c.getHysteresisMultiple() >= 0) || Double.isInfinite(c.getHysteresisMultiple())) {
            p.add("hysteresisMultiple is " + c.getHysteresisMultiple() + "; it must be finite and >= 0");
        }
        if (c.getStageDeadlineMs() <= 0) {
            p.add("stageDeadlineMs is " + c.getStageDeadlineMs() + "; a stage deadline must be > 0 ms");
        }
        if (c.getDashboardVersionsKept() < 1) {
            p.add("dashboardVersionsKept is " + c.getDashboardVersionsKept() + "; the engine must keep >= 1");
        }
        if (c.getCadence().getRecomputeAfterSamples() < 1) {
            p.add("cadence.recomputeAfterSamples is " + c.getCadence().getRecomputeAfterSamples() + "; must be >= 1");
        }
        if (c.getCadence().getRecomputeAfterMs() <= 0) {
            p.add("cadence.recomputeAfterMs is " + c.getCadence().getRecomputeAfterMs() + "; must be > 0");
        }
        return p;
    }

    private static void checkAlgorithm(AllocationAlgorithm a, List<String> p) {
        if (a.getType() != AlgorithmType.PROPORTIONAL) {
            positiveFinite("algorithm.temperature", a.getTemperature(), p);
        }
        if (!(a.getReserve() >= 0) || Double.isInfinite(a.getReserve())) {
            p.add("algorithm.reserve is " + a.getReserve() + "; it must be finite and >= 0");
        }
        List<Double> ctrs = a.getClickThroughRates();
        if (a.getType() == AlgorithmType.SLOTS) {
            if (ctrs.isEmpty()) {
                p.add("algorithm.clickThroughRates is empty; SLOTS needs one rate per slot");
            }
            for (int k = 0; k < ctrs.size(); k++) {
                double alpha = ctrs.get(k);
                if (!(alpha >= 0 && alpha <= 1)) {
                    p.add("algorithm.clickThroughRates[" + k + "] is " + alpha + "; rates lie in [0, 1]");
                } else if (k > 0 && alpha > ctrs.get(k - 1)) {
                    p.add("algorithm.clickThroughRates " + ctrs + " increase at slot " + (k + 1)
                            + "; rates must be non-increasing from the top slot");
                }
            }
        } else if (!ctrs.isEmpty()) {
            p.add("algorithm.clickThroughRates " + ctrs + " given for " + a.getType() + "; only SLOTS uses them");
        }
        if (a.getQualityWeights() != null) {
            for (Map.Entry<String, Double> e : a.getQualityWeights().entrySet()) {
                positiveFinite("algorithm.qualityWeights[" + e.getKey() + "]", e.getValue(), p);
            }
        }
    }

    /**
     * Problems of a dashboard: the three columns of equal length >= 2, values strictly increasing from 0, win
     * probabilities in [0, 1] and non-decreasing, bids finite and strictly increasing (so the engine can invert
     * them) and >= 0 except where reference rebalancing pays back a negative balance, version >= 1, rho and eta
     * in range, vDagger only with individually rational rebalancing.
     */
    public static List<String> problemsOf(Dashboard d) {
        List<String> p = new ArrayList<>();
        List<Double> values = d.getValues();
        List<Double> bids = d.getBids();
        List<Double> probabilities = d.getWinProbabilities();
        if (values.size() < 2 || bids.size() != values.size() || probabilities.size() != values.size()) {
            p.add("values, bids and winProbabilities have " + values.size() + ", " + bids.size() + " and "
                    + probabilities.size() + " entries; they need one per grid point, at least 2");
        } else {
            if (values.get(0) != 0.0) {
                p.add("values[0] is " + values.get(0) + "; the grid starts at 0");
            }
            for (int k = 0; k < values.size(); k++) {
                String at = "[" + k + "]";
                if (Double.isInfinite(values.get(k))) {
                    p.add("values" + at + " is " + values.get(k) + "; the grid must be finite");
                } else if (k > 0 && !(values.get(k) > values.get(k - 1))) {
                    p.add("values" + at + " is " + values.get(k) + " after " + values.get(k - 1)
                            + "; the grid must be strictly increasing");
                }
                double y = probabilities.get(k);
                if (!(y >= 0 && y <= 1)) {
                    p.add("winProbabilities" + at + " is " + y + "; probabilities lie in [0, 1]");
                } else if (k > 0 && y < probabilities.get(k - 1)) {
                    p.add("winProbabilities" + at + " is " + y + " after " + probabilities.get(k - 1)
                            + "; an allocation rule is non-decreasing");
                }
                double b = bids.get(k);
                if (Double.isNaN(b) || Double.isInfinite(b)) {
                    p.add("bids" + at + " is " + b + "; bids are finite");
                } else if (b < 0 && !rebatesNegativeBalance(d)) {
                    p.add("bids" + at + " is " + b + "; bids are >= 0 unless the dashboard resolves a negative"
                            + " balance by REFERENCE rebalancing (Def. 9: q(0) = L*eta < 0 pays the agent back)");
                } else if (k > 0 && !(b > bids.get(k - 1))) {
                    p.add("bids" + at + " is " + b + " after " + bids.get(k - 1)
                            + "; the engine inverts the bid column, so it must be strictly increasing (Lemma 1)");
                }
            }
        }
        if (d.getVersion() < 1) {
            p.add("version is " + d.getVersion() + "; published dashboards count from 1 (0 is the prior)");
        }
        if (!(d.getRho() >= 0 && d.getRho() < 1)) {
            p.add("rho is " + d.getRho() + "; it must lie in [0, 1)");
        }
        if (!(d.getEta() > 0 && d.getEta() <= 1)) {
            p.add("eta is " + d.getEta() + "; it must lie in (0, 1]");
        }
        if (d.getVDagger() != null && d.getRebalancing() != RebalancingKind.INDIVIDUALLY_RATIONAL) {
            p.add("vDagger is " + d.getVDagger() + " but rebalancing is " + d.getRebalancing()
                    + "; only INDIVIDUALLY_RATIONAL rebalancing has a threshold");
        }
        if (d.getSampleCount() < 0) {
            p.add("sampleCount is " + d.getSampleCount() + "; it must be >= 0");
        }
        return p;
    }

    /**
     * @throws IllegalArgumentException listing every problem of {@code config}
     */
    public static MarketConfig requireValid(MarketConfig config) {
        return require(config, "market configuration " + config.getMarket(), problemsOf(config));
    }

    /**
     * @throws IllegalArgumentException listing every problem of {@code dashboard}
     */
    public static Dashboard requireValid(Dashboard dashboard) {
        return require(dashboard, "dashboard " + dashboard.getVersion() + " of " + dashboard.getMarket() + "/"
                + dashboard.getAgent(), problemsOf(dashboard));
    }

    private static <T> T require(T record, String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(what + " is invalid:\n - " + String.join("\n - ", problems));
        }
        return record;
    }

    private static void positiveFinite(String field, double value, List<String> p) {
        if (!(value > 0) || Double.isInfinite(value)) {
            p.add(field + " is " + value + "; it must be finite and > 0");
        }
    }

    /**
     * Whether {@code d} may have negative bids: reference rebalancing (Def. 9) of a negative balance shifts every
     * bid by {@code L*eta} (all-pay) or {@code L*eta/y} (winner-pays-bid), so low types bid below 0 and the platform
     * pays them back.
     */
    public static boolean rebatesNegativeBalance(Dashboard d) {
        return d.getRebalancing() == RebalancingKind.REFERENCE && d.getBalanceUsed() < 0;
    }
}
