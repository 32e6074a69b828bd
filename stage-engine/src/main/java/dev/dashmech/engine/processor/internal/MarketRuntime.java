package dev.dashmech.engine.processor.internal;

import dev.dashmech.engine.records.Formats;
import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.algorithm.AllocationAlgorithms;
import dev.dashmech.mechanism.algorithm.Softmax;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.dashboard.Prior;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.stage.DashboardMechanismStage;
import dev.dashmech.schemas.avro.AlgorithmType;
import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.check.RecordChecks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine needs of a market's configuration, built once per configuration: the value grid, the mechanism's
 * stage ({@link DashboardMechanismStage}: the algorithm with instrumentation rate ρ), the allowed payment formats,
 * and the prior dashboard (version 0) of each format. Immutable.
 */
public final class MarketRuntime {

    private final MarketConfig config;
    private final ValueGrid grid;
    private final DashboardMechanismStage stage;
    private final Map<String, Double> qualityWeights;
    private final Set<PaymentFormat> formats;
    private final Map<PaymentFormat, BidTable> priors;

    private MarketRuntime(MarketConfig config, ValueGrid grid, DashboardMechanismStage stage,
                          Map<String, Double> qualityWeights, Set<PaymentFormat> formats,
                          Map<PaymentFormat, BidTable> priors) {
        this.config = config;
        this.grid = grid;
        this.stage = stage;
        this.qualityWeights = qualityWeights;
        this.formats = formats;
        this.priors = priors;
    }

    /**
     * The runtime of {@code config}.
     *
     * @throws IllegalArgumentException listing every problem when the configuration is invalid
     *     ({@link RecordChecks#problemsOf(MarketConfig)}) or asks for what the engine cannot do: per-agent value
     *     ranges ({@code valueMaxByAgent}: the mechanism's stage has one vmax per market) or quality weights with
     *     {@code SLOTS} (the mechanism's position auction has none)
     */
    public static MarketRuntime of(MarketConfig config) {
        List<String> problems = new ArrayList<>(RecordChecks.problemsOf(config));
        if (config.getValueMaxByAgent() != null) {
            problems.add("valueMaxByAgent is set, but the stage engine runs every agent of a market on one value"
                    + " range [0, valueMax]; leave valueMaxByAgent null (per-agent ranges are not supported yet)");
        }
        var algorithm = config.getAlgorithm();
        if (algorithm.getType() == AlgorithmType.SLOTS && algorithm.getQualityWeights() != null) {
            problems.add("algorithm.qualityWeights is set for SLOTS, whose position auction has no quality weights;"
                    + " leave it null or use SOFTMAX");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("market configuration " + config.getMarket() + " is refused:\n - "
                    + String.join("\n - ", problems));
        }
        ValueGrid grid = ValueGrid.uniform(config.getValueMax(), config.getGridSize());
        Map<String, Double> qualities = algorithm.getQualityWeights() == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(algorithm.getQualityWeights()));
        DashboardMechanismStage stage = qualities == null
                ? DashboardMechanismStage.of(algorithmOf(algorithm), config.getRho(), grid) : null;
        Set<PaymentFormat> formats = EnumSet.noneOf(PaymentFormat.class);
        Map<PaymentFormat, BidTable> priors = new EnumMap<>(PaymentFormat.class);
        for (dev.dashmech.schemas.avro.PaymentFormat f : config.getPaymentFormats()) {
            PaymentFormat format = Formats.of(f);
            formats.add(format);
            // version 0: the market's prior dashboard (Section 5: any strictly increasing rule for stage 1)
            priors.put(format, Prior.table(grid, format));
        }
        return new MarketRuntime(config, grid, stage, qualities, Collections.unmodifiableSet(formats),
                Collections.unmodifiableMap(priors));
    }

    /** The mechanism's algorithm named by a market configuration. */
    static AllocationAlgorithm algorithmOf(dev.dashmech.schemas.avro.AllocationAlgorithm a) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("reserve", a.getReserve());
        switch (a.getType()) {
            case SOFTMAX -> {
                params.put("tau", a.getTemperature());
                return AllocationAlgorithms.of("softmax", params);
            }
            case PROPORTIONAL -> {
                return AllocationAlgorithms.of("proportional", params);
            }
            case SLOTS -> {
                params.put("tau", a.getTemperature());
                params.put("ctrs", a.getClickThroughRates());
                return AllocationAlgorithms.of("slots", params);
            }
            default -> throw new IllegalArgumentException("unknown algorithm type " + a.getType());
        }
    }

    /**
     * The mechanism's stage for a stage whose agents, in algorithm order, are {@code agents}: the market's one
     * stage, or, with quality weights, a softmax whose weights follow the agents.
     */
    public DashboardMechanismStage stageFor(List<String> agents) {
        if (stage != null) {
            return stage;
        }
        double[] q = new double[agents.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = qualityWeights.getOrDefault(agents.get(i), 1.0);
        }
        var a = config.getAlgorithm();
        return DashboardMechanismStage.of(Softmax.of(a.getTemperature(), a.getReserve(), q), config.getRho(), grid);
    }

    public MarketConfig config() {
        return config;
    }

    public String market() {
        return config.getMarket();
    }

    public ValueGrid grid() {
        return grid;
    }

    /** Whether {@code format} is one of the market's payment formats. */
    public boolean allows(PaymentFormat format) {
        return formats.contains(format);
    }

    public Set<PaymentFormat> formats() {
        return formats;
    }

    /** The prior dashboard's table (version 0) of {@code format}, or null when the market does not allow it. */
    public BidTable prior(PaymentFormat format) {
        return priors.get(format);
    }

    public long seed() {
        return config.getSeed();
    }

    public double rho() {
        return config.getRho();
    }

    public long stageDeadlineMs() {
        return config.getStageDeadlineMs();
    }

    public int dashboardVersionsKept() {
        return config.getDashboardVersionsKept();
    }

    public boolean standingBids() {
        return config.getStandingBids();
    }
}
