package dev.dashmech.engine.processor;

import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.engine.processor.internal.DeferringStore;
import dev.dashmech.engine.processor.internal.MarketDirectory;
import dev.dashmech.engine.processor.internal.StageEngine;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.avro.StageOutcome;
import java.time.Duration;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stage engine's one stateful processor: fed by the three co-partitioned sources ({@code auctions},
 * {@code bids}, {@code dashboards.internal}, read as bytes and decoded without throwing), with the market
 * configurations of the global markets store and its {@link MarketDirectory}, it
 * forwards stage outcomes to the child named {@link #outcomesChild()} and rejected bids to
 * {@link #rejectsChild()}. The work is done by {@link StageEngine}, one per stream task; this class adapts it to
 * the Processor API (stores, forwarding, the wall-clock punctuation). Build the topology with
 * {@code StageEngineTopology.build}, not by hand.
 */
public final class StageEngineProcessor implements Processor<String, byte[], String, SpecificRecord> {

    private final StageEngine.Topics topics;
    private final StageEngine.Decoders decoders;
    private final MarketDirectory directory;
    private final EngineMetrics metrics;
    private final StageEngine.Settings settings;
    private final Duration idleCloseInterval;
    private final String[] storeNames;
    private final String outcomesChild;
    private final String rejectsChild;
    private ProcessorContext<String, SpecificRecord> context;
    private StageEngine engine;
    private DeferringStore deferringStages;
    private Cancellable idlePunctuation;

    /**
     * @param storeNames        the global markets store and the dashboards, stages, standing-bids and held-bids
     *                          stores, in this order
     * @param idleCloseInterval the wall-clock idle-close period, or zero for none
     */
    public StageEngineProcessor(StageEngine.Topics topics, StageEngine.Decoders decoders, MarketDirectory directory,
                                EngineMetrics metrics, StageEngine.Settings settings, Duration idleCloseInterval,
                                String[] storeNames, String outcomesChild, String rejectsChild) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.decoders = Objects.requireNonNull(decoders, "decoders");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.idleCloseInterval = Objects.requireNonNull(idleCloseInterval, "idleCloseInterval");
        if (storeNames.length != 5) {
            throw new IllegalArgumentException("the stage engine needs 5 stores, was given " + storeNames.length);
        }
        this.storeNames = storeNames.clone();
        this.outcomesChild = Objects.requireNonNull(outcomesChild, "outcomesChild");
        this.rejectsChild = Objects.requireNonNull(rejectsChild, "rejectsChild");
    }

    /** The child that receives stage outcomes. */
    public String outcomesChild() {
        return outcomesChild;
    }

    /** The child that receives rejected bids. */
    public String rejectsChild() {
        return rejectsChild;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        StageEngine.Stores stores = new StageEngine.Stores(store(0), store(1), store(2), store(3),
                store(4));
        engine = new StageEngine(topics, decoders, directory, stores, new Forwarder(), metrics, settings);
        // open stages change with every bid: where the stages store can ask for them before each commit, write them
        // then, once each (most stages open and close between two commits and are never written)
        deferringStages = DeferringStore.under(store(2));
        if (deferringStages != null) {
            engine.deferStageWrites();
            deferringStages.beforeCommit(engine::writeChangedStages);
        }
        engine.restore(context.currentStreamTimeMs(), context.currentSystemTimeMs());
        if (!idleCloseInterval.isZero()) {
            idlePunctuation = context.schedule(idleCloseInterval, PunctuationType.WALL_CLOCK_TIME, engine::onWallClock);
        }
    }

    private KeyValueStore<String, byte[]> store(int index) {
        return context.getStateStore(storeNames[index]);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "the stage engine processes records read from topics; this one has no source metadata"));
        engine.process(metadata.topic(), metadata.partition(), metadata.offset(), record.key(), record.value(),
                record.timestamp(), context.currentSystemTimeMs());
    }

    @Override
    public void close() {
        if (idlePunctuation != null) {
            idlePunctuation.cancel();
        }
        if (deferringStages != null) {
            deferringStages.beforeCommit(null);
        }
        if (engine != null) {
            engine.forget();
        }
    }

    private final class Forwarder implements StageEngine.Output {
        @Override
        public void outcome(String market, StageOutcome outcome, long timestamp) {
            context.forward(new Record<String, SpecificRecord>(market, outcome, timestamp), outcomesChild);
        }

        @Override
        public void rejected(String key, RejectedBid rejected, long timestamp) {
            context.forward(new Record<String, SpecificRecord>(key, rejected, timestamp), rejectsChild);
        }
    }
}
