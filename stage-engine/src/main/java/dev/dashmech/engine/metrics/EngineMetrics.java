package dev.dashmech.engine.metrics;

import dev.dashmech.schemas.avro.CloseReason;
import dev.dashmech.schemas.avro.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stage engine's domain meters, registered once per topology and shared by its stream tasks (counters add
 * up across tasks):
 *
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #BIDS_IN}</td><td>counter</td><td></td><td>records read from {@code bids}, malformed
 *       ones included</td></tr>
 *   <tr><td>{@value #BIDS_REJECTED}</td><td>counter</td><td>{@code reason} (a {@code RejectReason})</td>
 *       <td>records written to {@code rejected-bids}</td></tr>
 *   <tr><td>{@value #BIDS_CLAMPED}</td><td>counter</td><td>{@code direction}: {@code above} (inferred as vmax)
 *       or {@code below} (inferred as 0)</td><td>bids outside their dashboard's bid range, counted once per
 *       bid when its stage closes</td></tr>
 *   <tr><td>{@value #STAGES_OPENED}</td><td>counter</td><td></td><td>stages opened by {@code auctions}</td></tr>
 *   <tr><td>{@value #STAGES_CLOSED}</td><td>counter</td><td>{@code reason} (a {@code CloseReason})</td>
 *       <td>stage outcomes written</td></tr>
 *   <tr><td>{@value #STAGES_OPEN}</td><td>gauge</td><td></td><td>stages open now, over the tasks of this
 *       instance</td></tr>
 *   <tr><td>{@value #CLOSE_LATENCY}</td><td>timer</td><td>{@code clock}: {@code event} (closedAt - openedAt in
 *       event time) or {@code wall} (wall-clock time from opening to closing in this engine)</td><td>how long
 *       stages stay open</td></tr>
 *   <tr><td>{@value #OUTCOME_ENTRIES}</td><td>counter</td><td>{@code standing}: {@code true}/{@code false}</td>
 *       <td>entries of the stage outcomes</td></tr>
 *   <tr><td>{@value #STANDING_EXPIRED}</td><td>counter</td><td></td><td>standing bids left out of a stage
 *       because their dashboard version is no longer kept</td></tr>
 *   <tr><td>{@value #INPUT_IGNORED}</td><td>counter</td><td>{@code topic} ({@code markets}, {@code auctions},
 *       {@code dashboards}), {@code reason}</td><td>records of the other inputs that the engine could not use
 *       (malformed, invalid, for an unknown market, duplicate...); each is also logged</td></tr>
 * </table>
 */
public final class EngineMetrics {

    public static final String BIDS_IN = "dashmech.engine.bids.in";
    public static final String BIDS_REJECTED = "dashmech.engine.bids.rejected";
    public static final String BIDS_CLAMPED = "dashmech.engine.bids.clamped";
    public static final String STAGES_OPENED = "dashmech.engine.stages.opened";
    public static final String STAGES_CLOSED = "dashmech.engine.stages.closed";
    public static final String STAGES_OPEN = "dashmech.engine.stages.open";
    public static final String CLOSE_LATENCY = "dashmech.engine.stage.close.latency";
    public static final String OUTCOME_ENTRIES = "dashmech.engine.outcome.entries";
    public static final String STANDING_EXPIRED = "dashmech.engine.standing.expired";
    public static final String INPUT_IGNORED = "dashmech.engine.input.ignored";
    public static final String BIDS_HELD = "dashmech.engine.bids.held";
    public static final String BIDS_WAITING = "dashmech.engine.bids.waiting";

    private final MeterRegistry registry;
    private final Counter bidsIn;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter clampedAbove;
    private final Counter clampedBelow;
    private final Counter stagesOpened;
    private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);
    private final AtomicLong open = new AtomicLong();
    private final Timer eventLatency;
    private final Timer wallLatency;
    private final Counter entries;
    private final Counter standingEntries;
    private final Counter standingExpired;
    private final Map<String, Counter> ignored = new ConcurrentHashMap<>();
    private final Counter heldForStage;
    private final Counter heldForDashboard;
    private final AtomicLong waiting = new AtomicLong();

    private EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        bidsIn = Counter.builder(BIDS_IN).description("Records read from the bids topic").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder(BIDS_REJECTED).tag("reason", reason.name())
                    .description("Bids rejected, by reason").register(registry));
        }
        clampedAbove = Counter.builder(BIDS_CLAMPED).tag("direction", "above")
                .description("Bids above their dashboard's highest bid, inferred as vmax").register(registry);
        clampedBelow = Counter.builder(BIDS_CLAMPED).tag("direction", "below")
                .description("Bids below their dashboard's lowest bid, inferred as 0").register(registry);
        stagesOpened = Counter.builder(STAGES_OPENED).description("Stages opened").register(registry);
        for (CloseReason reason : CloseReason.values()) {
            closed.put(reason, Counter.builder(STAGES_CLOSED).tag("reason", reason.name())
                    .description("Stages closed, by reason").register(registry));
        }
        Gauge.builder(STAGES_OPEN, open, AtomicLong::get).description("Stages open now").register(registry);
        eventLatency = latency("event", "closedAt - openedAt of closed stages, in event time");
        wallLatency = latency("wall", "Wall-clock time stages stayed open in this engine");
        entries = Counter.builder(OUTCOME_ENTRIES).tag("standing", "false")
                .description("Stage outcome entries").register(registry);
        standingEntries = Counter.builder(OUTCOME_ENTRIES).tag("standing", "true")
                .description("Stage outcome entries").register(registry);
        standingExpired = Counter.builder(STANDING_EXPIRED)
                .description("Standing bids left out because their dashboard version expired").register(registry);
        heldForStage = Counter.builder(BIDS_HELD).tag("waiting_for", "auction")
                .description("Bids that arrived before what they name and waited for it").register(registry);
        heldForDashboard = Counter.builder(BIDS_HELD).tag("waiting_for", "dashboard")
                .description("Bids that arrived before what they name and waited for it").register(registry);
        Gauge.builder(BIDS_WAITING, waiting, AtomicLong::get)
                .description("Bids waiting now for their auction or dashboard version").register(registry);
    }

    private Timer latency(String clock, String description) {
        return Timer.builder(CLOSE_LATENCY).tag("clock", clock).description(description)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    /** The engine's meters on {@code registry}. */
    public static EngineMetrics register(MeterRegistry registry) {
        return new EngineMetrics(Objects.requireNonNull(registry, "registry"));
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void bidIn() {
        bidsIn.increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void clamped(boolean above) {
        (above ? clampedAbove : clampedBelow).increment();
    }

    public void stageOpened() {
        stagesOpened.increment();
        open.incrementAndGet();
    }

    /** A restored open stage (counted as open, not as opened again). */
    public void stageRestored() {
        open.incrementAndGet();
    }

    /** A stage dropped without an outcome (its market retired) or forgotten when its task moved away. */
    public void stageDropped() {
        open.decrementAndGet();
    }

    public void stageClosed(CloseReason reason, long eventMillis, long wallNanos) {
        closed.get(reason).increment();
        open.decrementAndGet();
        eventLatency.record(Math.max(0, eventMillis), TimeUnit.MILLISECONDS);
        wallLatency.record(Math.max(0, wallNanos), TimeUnit.NANOSECONDS);
    }

    public void entries(int fresh, int standing) {
        entries.increment(fresh);
        if (standing > 0) {
            standingEntries.increment(standing);
        }
    }

    public void standingExpired() {
        standingExpired.increment();
    }

    public void ignored(String topic, String reason) {
        ignored.computeIfAbsent(topic + '\u0000' + reason, k -> Counter.builder(INPUT_IGNORED).tag("topic", topic)
                .tag("reason", reason).description("Input records the engine could not use").register(registry))
                .increment();
    }

    /** A bid starts waiting for its stage's auction ({@code forStage}) or for its dashboard version. */
    public void held(boolean forStage) {
        (forStage ? heldForStage : heldForDashboard).increment();
        waiting.incrementAndGet();
    }

    /** A waiting bid was taken, rejected, or restored ({@code delta} is -1, -1 or +1). */
    public void waitingChanged(int delta) {
        waiting.addAndGet(delta);
    }

    // for tests and the benchmark

    public double heldCount(boolean forStage) {
        return (forStage ? heldForStage : heldForDashboard).count();
    }

    public long waitingNow() {
        return waiting.get();
    }

    public double bidsIn() {
        return bidsIn.count();
    }

    public double rejectedCount(RejectReason reason) {
        return rejected.get(reason).count();
    }

    public double rejectedTotal() {
        return rejected.values().stream().mapToDouble(Counter::count).sum();
    }

    public double stagesClosed(CloseReason reason) {
        return closed.get(reason).count();
    }

    public double stagesClosedTotal() {
        return closed.values().stream().mapToDouble(Counter::count).sum();
    }

    public double clampedCount(boolean above) {
        return (above ? clampedAbove : clampedBelow).count();
    }

    public double entriesTotal() {
        return entries.count() + standingEntries.count();
    }

    public long stagesOpen() {
        return open.get();
    }
}
