package dev.dashmech.engine.processor.internal;

import dev.dashmech.engine.records.Formats;
import dev.dashmech.engine.metrics.EngineMetrics;
import dev.dashmech.mechanism.bidding.BidTable;
import dev.dashmech.mechanism.bidding.Clamp;
import dev.dashmech.mechanism.bidding.PaymentFormat;
import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.stage.DashboardMechanismStage;
import dev.dashmech.mechanism.stage.StageBids;
import dev.dashmech.schemas.avro.AuctionOpened;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.CloseReason;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.avro.RejectReason;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.avro.StageEntry;
import dev.dashmech.schemas.avro.StageOutcome;
import dev.dashmech.schemas.check.RecordChecks;
import dev.dashmech.schemas.reject.RejectedBids;
import dev.dashmech.schemas.serde.AvroDecoder;
import dev.dashmech.schemas.serde.Decoded;
import dev.dashmech.schemas.topic.MarketKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage engine of one stream task: assembles stages from {@code auctions} and {@code bids}, keeps the agents'
 * recent dashboards (market configurations come from the instance's {@link MarketDirectory}), closes stages (all
 * eligible agents bid, stream time past the deadline, or idle wall-clock time), runs the mechanism's stage
 * ({@link DashboardMechanismStage}: inference by dashboard inversion, one instrumented call of the market's
 * algorithm, paid and truthful payments) and emits one {@link StageOutcome} per stage or one {@link RejectedBid} per
 * bid it does not take.
 *
 * <p>The stores are the durable truth and this object a cache of them, rebuilt by {@link #restore} when a task
 * starts: every change is written to its store before the record that caused it is done, so exactly-once
 * processing commits the store changes, the outputs and the input offsets together. The one exception, when the
 * stages store is a {@link DeferringStore} ({@link #deferStageWrites}): an open stage that took a bid or just opened
 * is written by {@link #writeChangedStages} before the next commit instead, once however many bids it took; a stage
 * that opens and closes between two commits is never written, only deleted.
 *
 * <p>Not thread-safe: one instance per stream task, called only from that task's thread.
 */
public final class StageEngine {

    private static final Logger LOG = LoggerFactory.getLogger(StageEngine.class);

    /** Earliest deadline first; ties by market and stage id so closing order depends only on the input. */
    private static final Comparator<OpenStage> DEADLINE_ORDER = Comparator.comparingLong(OpenStage::deadline)
            .thenComparing(OpenStage::market).thenComparingLong(OpenStage::stageId);

    /** Where the engine's results go. */
    public interface Output {
        /** One stage outcome, keyed by market, with the record timestamp {@code timestamp}. */
        void outcome(String market, StageOutcome outcome, long timestamp);

        /** One rejected bid, keyed by {@code key} (the source record's key; may be null). */
        void rejected(String key, RejectedBid rejected, long timestamp);
    }

    /**
     * The engine's stores (see the module README for keys, values and sizes): the global markets store (read
     * only) and the task's dashboards, stages, standing-bids and held-bids stores.
     */
    public record Stores(ReadOnlyKeyValueStore<String, byte[]> markets, KeyValueStore<String, byte[]> dashboards,
                         KeyValueStore<String, byte[]> stages, KeyValueStore<String, byte[]> standing,
                         KeyValueStore<String, byte[]> held) {
    }

    /**
     * The engine's settings.
     *
     * @param skippedIdRetention how long (stream time) skipped stage ids are remembered, to tell a bid for a stage
     *                           that was never opened from one for a stage that closed
     * @param earlyBidHold       how long (bid clock) a bid that arrived before its auction or dashboard version
     *                           waits for it; zero: it is rejected at once
     * @param maxHeldBids        how many bids the task holds at most
     */
    public record Settings(Duration skippedIdRetention, Duration earlyBidHold, int maxHeldBids) {
        public Settings {
            Objects.requireNonNull(skippedIdRetention, "skippedIdRetention");
            Objects.requireNonNull(earlyBidHold, "earlyBidHold");
            if (earlyBidHold.isNegative() || maxHeldBids < 0) {
                throw new IllegalArgumentException("early-bid hold and max held bids must be >= 0, were "
                        + earlyBidHold + " and " + maxHeldBids);
            }
        }
    }

    /** The key of the bid clock in the held-bids store (held bids are keyed by a number). */
    static final String CLOCK_KEY = "clock";

    /** The names of the topics read. */
    public record Topics(String markets, String auctions, String bids, String dashboards) {
    }

    /** The decoders of the input records (thread-safe, shared by the tasks). */
    public record Decoders(AvroDecoder<MarketConfig> markets, AvroDecoder<AuctionOpened> auctions,
                           AvroDecoder<Bid> bids, AvroDecoder<Dashboard> dashboards) {
    }

    private final Topics topics;
    private final Decoders decoders;
    private final MarketDirectory directory;
    private final Stores stores;
    private final Output output;
    private final EngineMetrics metrics;
    private final long retentionMs;
    private final long holdMs;
    private final int maxHeld;

    private final Map<String, MarketState> states = new HashMap<>();
    private final PriorityQueue<OpenStage> deadlines = new PriorityQueue<>(DEADLINE_ORDER);
    /** The largest timestamp of any input record of the task (for the idle estimate only). */
    private long streamTime = Long.MIN_VALUE;
    /**
     * The bid clock: the largest timestamp of the bids the task read. Deadlines and lateness are decided by it
     * alone, not by the auctions' or dashboards' timestamps, so the outcome of a stage does not depend on how
     * Kafka Streams interleaves the input partitions (it reads them as fetched, waiting for an empty one only up
     * to max.task.idle.ms).
     */
    private long bidClock = Long.MIN_VALUE;
    /** The bid clock must be written to the held store before the record is done (see {@link #restore}). */
    private boolean clockDirty;
    private long lastRecordWallMs;
    private long lastBidWallMs;
    private long bidsSeen;
    private long bidsAtLastIdleCheck = -1;
    private final ArrayDeque<HeldBid> heldByArrival = new ArrayDeque<>();
    private int heldCount;
    private long nextHeldSeq;
    /** Restored held bids that no longer decode, rejected with the first record processed (not in init). */
    private final List<Undecodable> undecodableAtRestore = new ArrayList<>();

    private record Undecodable(StoreCodec.HeldValue held, Decoded.Malformed<Bid> failure) {
    }

    // reused by every stage of the task: the close path allocates only the outcome record
    private final StageBids stageBids = new StageBids(16);
    private final dev.dashmech.mechanism.stage.StageOutcome result = new dev.dashmech.mechanism.stage.StageOutcome();
    private final StageRandom random = StageRandom.of(0, 0);
    private final List<AcceptedBid> entryBids = new ArrayList<>();
    private final List<String> entryAgents = new ArrayList<>();
    /** Whether open stages are written before each commit (true) or after each change. */
    private boolean deferStageWrites;
    /** The open stages changed since they were last written (deferred mode), some maybe closed since. */
    private final List<OpenStage> changedStages = new ArrayList<>();

    public StageEngine(Topics topics, Decoders decoders, MarketDirectory directory, Stores stores, Output output,
                       EngineMetrics metrics, Settings settings) {
        this.topics = topics;
        this.decoders = decoders;
        this.directory = directory;
        this.stores = stores;
        this.output = output;
        this.metrics = metrics;
        this.retentionMs = settings.skippedIdRetention().toMillis();
        this.holdMs = settings.earlyBidHold().toMillis();
        this.maxHeld = settings.maxHeldBids();
    }

    /**
     * From now on, writes a changed open stage only when {@link #writeChangedStages} is called, which the caller
     * arranges before every commit (see {@link DeferringStore}); until then a changed stage is not in the store.
     */
    public void deferStageWrites() {
        deferStageWrites = true;
    }

    /**
     * Writes the open stages that changed since the last call into {@code stagesStore} (the stages store, as the
     * store that defers them hands itself over), each as it is now; a stage closed since was deleted when it closed.
     */
    public void writeChangedStages(KeyValueStore<String, byte[]> stagesStore) {
        for (OpenStage stage : changedStages) {
            stage.markClean();
            if (!stage.isClosed()) {
                stagesStore.put(stage.storeKey(), stage.storeValue());
            }
        }
        changedStages.clear();
    }

    /** A stage opened or took a bid: written now, or before the next commit when writes are deferred. */
    private void changed(OpenStage stage) {
        if (!deferStageWrites) {
            stores.stages().put(stage.storeKey(), stage.storeValue());
        } else if (stage.markDirty()) {
            changedStages.add(stage);
        }
    }

    // ---------------------------------------------------------------------------------------------------- restore

    /**
     * Rebuilds the in-memory state from the stores (after Kafka Streams restored them): dashboards, standing bids,
     * open stages (back on the deadline queue), the stage-id bookkeeping, the held bids and the bid clock.
     *
     * <p>The bid clock is not written per bid: it is the largest of the clock written with the last record that
     * rejected a bid, closed a stage or released a held bid, the timestamps of the bids in open stages and the
     * arrival clocks of the held bids. Every bid read is in one of these places until one of those records, so
     * this is the clock at the last commit, exactly.
     *
     * @param streamTimeMs the task's stream time, or a negative number when unknown
     * @param wallMs       the wall-clock time now
     */
    public void restore(long streamTimeMs, long wallMs) {
        streamTime = streamTimeMs < 0 ? Long.MIN_VALUE : streamTimeMs;
        lastRecordWallMs = wallMs;
        List<String> dropped = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = stores.dashboards().all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                Decoded<Dashboard> decoded = decoders.dashboards().decode(topics.dashboards(), kv.value);
                if (decoded instanceof Decoded.Valid<Dashboard> valid) {
                    Dashboard d = valid.value();
                    MarketState m = state(d.getMarket());
                    m.runtime = directory.runtime(d.getMarket(), stores.markets());
                    PaymentFormat format = Formats.of(d.getFormat());
                    for (long old : m.dashboardsForUpdate(d.getAgent(), format).put(d.getVersion(), tableOf(d),
                            m.versionsKept())) {
                        dropped.add(dashboardKey(d.getMarket(), d.getAgent(), format, old));
                    }
                } else {
                    LOG.warn("stored dashboard {} does not decode and is dropped: {}", kv.key, decoded);
                    dropped.add(kv.key);
                }
            }
        }
        dropped.forEach(stores.dashboards()::delete);
        try (KeyValueIterator<String, byte[]> all = stores.standing().all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                AcceptedBid bid = StoreCodec.readStanding(kv.value);
                state(MarketKeys.marketOf(kv.key)).standing.put(bid.agent(), bid);
            }
        }
        long nanos = System.nanoTime();
        int open = 0;
        Map<String, List<StageIds.Gap>> gaps = new HashMap<>();
        try (KeyValueIterator<String, byte[]> all = stores.stages().all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                int slash = kv.key.indexOf(MarketKeys.SEPARATOR);
                if (slash < 0) {
                    state(kv.key).ids = StoreCodec.readStageIds(kv.value);
                    continue;
                }
                String market = kv.key.substring(0, slash);
                if (kv.key.startsWith(GAP_KEY_MARK, slash + 1)) {
                    gaps.computeIfAbsent(market, k -> new ArrayList<>()).add(StoreCodec.readGap(kv.value));
                    continue;
                }
                int slot = Integer.parseInt(kv.key.substring(slash + 1));
                OpenStage stage = OpenStage.restore(market, slot, StoreCodec.readOpen(kv.value), nanos);
                for (AcceptedBid bid : stage.bids()) {
                    bidClock = Math.max(bidClock, bid.timestamp());
                }
                MarketState m = state(market);
                m.open.put(stage.stageId(), stage);
                m.slots.set(slot);
                deadlines.add(stage);
                metrics.stageRestored();
                open++;
            }
        }
        gaps.forEach((market, ranges) -> ranges.forEach(state(market).ids::restore));
        restoreHeld();
        for (MarketState m : states.values()) {
            if (m.runtime == null) {
                m.runtime = directory.runtime(m.market, stores.markets());
            }
        }
        lastBidWallMs = wallMs;
        LOG.info("stage engine task restored {} markets with {} open stages and {} held bids", states.size(), open,
                heldCount);
    }

    private void restoreHeld() {
        List<HeldBid> held = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = stores.held().all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                if (CLOCK_KEY.equals(kv.key)) {
                    bidClock = Math.max(bidClock, StoreCodec.readClock(kv.value));
                    continue;
                }
                long seq = Long.parseLong(kv.key);
                nextHeldSeq = Math.max(nextHeldSeq, seq + 1);
                StoreCodec.HeldValue v = StoreCodec.readHeld(kv.value);
                bidClock = Math.max(bidClock, v.arrivalClock());
                Decoded<Bid> decoded = decoders.bids().decode(topics.bids(), v.value());
                if (decoded instanceof Decoded.Valid<Bid> valid) {
                    held.add(new HeldBid(seq, v.key(), v.value(), valid.value(), v.partition(), v.offset(),
                            v.timestamp(), v.arrivalClock(), v.waitsFor()));
                } else {
                    LOG.warn("held bid {} no longer decodes ({}); it is rejected as malformed", kv.key, decoded);
                    stores.held().delete(kv.key);
                    undecodableAtRestore.add(new Undecodable(v, (Decoded.Malformed<Bid>) decoded));
                }
            }
        }
        held.sort(Comparator.comparingLong(HeldBid::seq));
        for (HeldBid h : held) {
            heldByArrival.addLast(h);
            heldCount++;
            metrics.waitingChanged(1);
            state(h.bid().getMarket()).waitOn(h);
        }
    }

    /**
     * Forgets the in-memory state (the task is closing or moving); the stores keep it as of the last commit (stages
     * changed since are not written: a clean close committed them, a dirty close must lose them).
     */
    public void forget() {
        changedStages.clear();
        for (MarketState m : states.values()) {
            for (int k = 0; k < m.open.size(); k++) {
                metrics.stageDropped();
            }
        }
        states.clear();
        deadlines.clear();
        metrics.waitingChanged(-heldCount);
        heldByArrival.clear();
        heldCount = 0;
    }

    // ---------------------------------------------------------------------------------------------------- inputs

    /**
     * Processes one input record.
     *
     * @param topic     the topic it was read from (one of {@link Topics})
     * @param wallMs    the wall-clock time now (for the idle check)
     */
    public void process(String topic, int partition, long offset, String key, byte[] value, long timestamp,
                        long wallMs) {
        lastRecordWallMs = wallMs;
        if (timestamp > streamTime) {
            streamTime = timestamp;
        }
        rejectUndecodableAtRestore();
        if (topic.equals(topics.bids())) {
            onBid(key, value, partition, offset, timestamp, wallMs);
        } else if (topic.equals(topics.auctions())) {
            onAuction(key, value);
        } else if (topic.equals(topics.dashboards())) {
            onDashboard(key, value);
        } else {
            throw new IllegalStateException("record from topic " + topic + ", which the stage engine does not read"
                    + " (it reads " + topics + ")");
        }
        persistClock();
    }

    /**
     * The wall-clock punctuation: when the task received no bid since the previous call, closes the stages whose
     * deadline the stream would have passed by now (the bid clock, or the latest timestamp of any input, plus the
     * wall time since), with reason {@code IDLE_TIMEOUT} and {@code closedAt = wallMs}, and ends the holds that
     * this time has ended.
     */
    public void onWallClock(long wallMs) {
        if (bidsSeen != bidsAtLastIdleCheck) {
            bidsAtLastIdleCheck = bidsSeen;
            return;
        }
        if ((deadlines.isEmpty() && heldCount == 0) || streamTime == Long.MIN_VALUE) {
            return;
        }
        long estimate = saturatedAdd(streamTime, Math.max(0, wallMs - lastRecordWallMs));
        if (bidClock != Long.MIN_VALUE) {
            estimate = Math.max(estimate, saturatedAdd(bidClock, Math.max(0, wallMs - lastBidWallMs)));
        }
        endHolds(estimate);
        closeOverdue(estimate, CloseReason.IDLE_TIMEOUT, wallMs);
        persistClock();
    }

    private void onBid(String key, byte[] value, int partition, long offset, long timestamp, long wallMs) {
        metrics.bidIn();
        bidsSeen++;
        lastBidWallMs = wallMs;
        if (timestamp > bidClock) {
            bidClock = timestamp;
        }
        // a bid at time t first ends what t has ended, so a bid after its stage's deadline is late
        endHolds(bidClock);
        closeOverdue(bidClock, CloseReason.DEADLINE, -1);
        Decoded<Bid> decoded = decoders.bids().decode(topics.bids(), value);
        if (!(decoded instanceof Decoded.Valid<Bid> valid)) {
            Decoded.Malformed<Bid> failure = (Decoded.Malformed<Bid>) decoded;
            emit(key, RejectedBids.malformed(failure, key, bidSource(partition, offset),
                    Instant.ofEpochMilli(bidClock)));
            return;
        }
        admit(new Arrival(key, value, valid.value(), partition, offset, timestamp, bidClock, null), false);
    }

    /**
     * A bid read now ({@code held == null}) or released from a hold, with the bid clock when it arrived.
     */
    private record Arrival(String key, byte[] value, Bid bid, int partition, long offset, long timestamp,
                           long arrivalClock, HeldBid held) {

        static Arrival of(HeldBid h) {
            return new Arrival(h.key(), h.value(), h.bid(), h.partition(), h.offset(), h.timestamp(),
                    h.arrivalClock(), h);
        }
    }

    /**
     * Takes a bid into its stage, rejects it, or holds it until the auction or dashboard version it names arrives.
     *
     * @param last whether the bid may not be held (again): its hold ended
     * @return whether the bid is held
     */
    private boolean admit(Arrival a, boolean last) {
        String key = a.key();
        Bid bid = a.bid();
        if (!bid.getMarket().equals(key)) {
            refuse(key, bid, RejectReason.KEY_MISMATCH, "record key " + quoted(key) + " is not the bid's market '"
                    + bid.getMarket() + "'; key bids by their market so that they reach the partition of its stages",
                    bidSource(a));
            return false;
        }
        String market = key; // the same id; the record key's string may come with its hash (a cached key)
        MarketRuntime runtime = runtimeOf(market);
        if (runtime == null) {
            refuse(key, bid, RejectReason.UNKNOWN_MARKET, "market '" + market + "' has no configuration on topic "
                    + topics.markets() + "; configure the market before bidding in it", bidSource(a));
            return false;
        }
        MarketState m = state(market);
        String agent = bid.getAgent();
        try {
            MarketKeys.requireAgentId(agent);
        } catch (IllegalArgumentException e) {
            refuse(key, bid, RejectReason.BAD_AGENT_ID, e.getMessage(), bidSource(a));
            return false;
        }
        double amount = bid.getAmount();
        if (!Double.isFinite(amount)) {
            refuse(key, bid, RejectReason.BAD_AMOUNT, "amount " + amount + " is " + (Double.isNaN(amount)
                    ? "not a number" : "infinite") + "; bids must be finite and >= 0", bidSource(a));
            return false;
        }
        PaymentFormat format = Formats.of(bid.getFormat());
        if (!runtime.allows(format)) {
            refuse(key, bid, RejectReason.WRONG_FORMAT, "format " + bid.getFormat() + " is not allowed in market '"
                    + market + "', which takes " + runtime.config().getPaymentFormats(), bidSource(a));
            return false;
        }
        long stageId = bid.getStageId();
        OpenStage stage = m.open.get(stageId);
        if (stage == null) {
            boolean notYet = m.ids.statusOf(stageId) == StageIds.Status.NOT_OPENED_YET;
            if (notYet && !last && hold(a, m, HeldBid.Wait.AUCTION)) {
                return true;
            }
            refuseClosedOrUnknown(key, bid, m, stageId, bidSource(a), holdNote(a, last, "its auction"));
            return false;
        }
        if (a.arrivalClock() > stage.deadline()) { // only a held bid: an open stage's deadline is >= the clock
            refuse(key, bid, RejectReason.LATE_BID, "stage " + stageId + " of market '" + market + "' had its"
                    + " deadline " + Instant.ofEpochMilli(stage.deadline()) + " when the bid arrived (bid clock "
                    + Instant.ofEpochMilli(a.arrivalClock()) + "); the bid waited for the stage's auction",
                    bidSource(a));
            return false;
        }
        if (!stage.isEligible(agent)) {
            refuse(key, bid, RejectReason.NOT_ELIGIBLE, "agent '" + agent + "' is not among the " + stage.eligible()
                    .size() + " eligible agents of stage " + stageId + " of market '" + market + "'", bidSource(a));
            return false;
        }
        if (stage.hasBidFrom(agent)) {
            refuse(key, bid, RejectReason.DUPLICATE_BID, "agent '" + agent + "' already bid in stage " + stageId
                    + " of market '" + market + "'; an agent has one bid per stage", bidSource(a));
            return false;
        }
        long version = bid.getDashboardVersion();
        BidTable table = m.table(agent, format, version);
        if (table == null) {
            if (!last && notPublishedYet(m, agent, format, version) && hold(a, m, HeldBid.Wait.DASHBOARD)) {
                return true;
            }
            refuseVersion(key, bid, m, agent, format, version, bidSource(a), holdNote(a, last, "that version"));
            return false;
        }
        if (amount < 0 && amount < table.lowestBid()) {
            // a negative bid only where the dashboard offers it: reference rebalancing of a negative balance (Def. 9)
            refuse(key, bid, RejectReason.BAD_AMOUNT, "amount " + amount + " is negative" + (table.lowestBid() < 0
                    ? " and below the lowest bid " + table.lowestBid() + " of dashboard version " + version
                    : "; bids must be >= 0 (dashboard version " + version + " offers no negative bid)"), bidSource(a));
            return false;
        }
        AcceptedBid accepted = new AcceptedBid(agent, amount, format, version, bid.getBidId(), stageId,
                a.timestamp(), a.partition(), a.offset());
        stage.add(accepted);
        if (runtime.standingBids()) {
            m.standing.put(agent, accepted);
            stores.standing().put(standingKey(market, agent), StoreCodec.standing(accepted));
        }
        if (stage.allEligibleHaveBid()) {
            // closedAt is the clock when the last bid arrived, however long it waited: the same in any interleaving
            close(m, stage, CloseReason.ALL_BID, a.arrivalClock()); // deletes the stage from the store
        } else {
            changed(stage);
        }
        return false;
    }

    private void refuseClosedOrUnknown(String key, Bid bid, MarketState m, long stageId,
                                       RejectedBids.Source source, String note) {
        String stage = "stage " + stageId + " of market '" + m.market + "'";
        switch (m.ids.statusOf(stageId)) {
            case CLOSED -> refuse(key, bid, RejectReason.LATE_BID, stage + " has closed; the bid arrived after it"
                    + " (bid clock " + Instant.ofEpochMilli(bidClock) + ")", source);
            case CLOSED_OR_SKIPPED_LONG_AGO -> refuse(key, bid, RejectReason.LATE_BID, stage + " closed (or was"
                    + " skipped) more than " + Duration.ofMillis(retentionMs) + " of stream time ago", source);
            case NEVER_OPENED -> refuse(key, bid, RejectReason.UNKNOWN_STAGE, stage + " was never opened (stage ids"
                    + " skip it); bid in a stage opened on topic " + topics.auctions() + note, source);
            case NOT_OPENED_YET -> refuse(key, bid, RejectReason.UNKNOWN_STAGE, stage + " has not been opened on"
                    + " topic " + topics.auctions() + (m.ids.newest() < 0 ? ""
                    : " (the newest stage opened is " + m.ids.newest() + ")") + note, source);
        }
    }

    private void refuseVersion(String key, Bid bid, MarketState m, String agent, PaymentFormat format, long version,
                               RejectedBids.Source source, String note) {
        int kept = m.versionsKept();
        PaymentFormat other = otherFormatHolding(m, agent, format, version);
        if (other != null) {
            refuse(key, bid, RejectReason.WRONG_FORMAT, "dashboard version " + version + " of agent '" + agent
                    + "' is for " + Formats.toRecord(other) + ", but the bid's format is " + bid.getFormat()
                    + "; bid in the format of the dashboard it follows", source);
            return;
        }
        DashboardVersions versions = m.dashboards(agent, format);
        String dashboard = "the " + bid.getFormat() + " dashboard of agent '" + agent + "' in market '" + m.market
                + "'";
        String detail;
        if (version < 0) {
            detail = "dashboard version " + version + " is negative; versions count from 0 (the market's prior)";
        } else if (versions == null || versions.size() == 0) {
            detail = "version " + version + " of " + dashboard + " has not been published; until one is, bids"
                    + " follow version 0 (the market's prior)";
        } else if (version > versions.newest()) {
            detail = "version " + version + " of " + dashboard + " has not been published; the newest is "
                    + versions.newest();
        } else if (version < versions.oldest() || version == 0) {
            detail = "version " + version + " of " + dashboard + " has expired: the engine keeps the newest "
                    + kept + " (" + Arrays.toString(versions.versions()) + "); follow the newest dashboard";
        } else {
            detail = "version " + version + " of " + dashboard + " was never published; the versions kept are "
                    + Arrays.toString(versions.versions());
        }
        refuse(key, bid, RejectReason.UNKNOWN_DASHBOARD_VERSION, detail + note, source);
    }

    /** The other payment format whose dashboards of {@code agent} hold {@code version}, or null. */
    private static PaymentFormat otherFormatHolding(MarketState m, String agent, PaymentFormat format, long version) {
        for (PaymentFormat other : PaymentFormat.values()) {
            DashboardVersions theirs = m.dashboards(agent, other);
            if (other != format && version > 0 && theirs != null && theirs.holds(version, m.versionsKept())) {
                return other;
            }
        }
        return null;
    }

    /** Whether {@code version} is above every version of the agent's dashboard the engine has received. */
    private static boolean notPublishedYet(MarketState m, String agent, PaymentFormat format, long version) {
        if (version <= 0 || otherFormatHolding(m, agent, format, version) != null) {
            return false;
        }
        DashboardVersions versions = m.dashboards(agent, format);
        return versions == null || versions.size() == 0 || version > versions.newest();
    }

    // ---------------------------------------------------------------------------------------------------- holds

    /**
     * Holds a bid (or keeps holding it, now for {@code wait}) unless holding is off or the task holds its maximum.
     *
     * @return whether it is held
     */
    private boolean hold(Arrival a, MarketState m, HeldBid.Wait wait) {
        HeldBid h = a.held();
        if (h == null) {
            if (holdMs == 0 || heldCount >= maxHeld) {
                return false;
            }
            h = new HeldBid(nextHeldSeq++, a.key(), a.value(), a.bid(), a.partition(), a.offset(), a.timestamp(),
                    a.arrivalClock(), wait);
            heldByArrival.addLast(h);
            heldCount++;
            metrics.held(wait == HeldBid.Wait.AUCTION);
            stores.held().put(h.storeKey(), StoreCodec.held(h));
        } else if (h.waitsFor() != wait) {
            h.waitFor(wait);
            stores.held().put(h.storeKey(), StoreCodec.held(h));
        }
        m.waitOn(h);
        return true;
    }

    /** What a rejection of a bid that could not wait (longer) for {@code what} adds to its detail. */
    private String holdNote(Arrival a, boolean last, String what) {
        if (last) {
            return "; the bid waited " + Duration.ofMillis(holdMs) + " of bid clock for " + what;
        }
        if (a.held() == null && holdMs > 0 && heldCount >= maxHeld) {
            return "; the bid could not wait for " + what + ": the engine task already holds " + heldCount
                    + " bids, its maximum";
        }
        return "";
    }

    /** Gives a held bid (taken out of its market's index) another try; it may be held again. */
    private void retry(HeldBid h, boolean last) {
        if (!admit(Arrival.of(h), last)) {
            finish(h);
        }
    }

    /** Rejects a held bid (taken out of its market's index): it leaves the store. */
    private void rejectHeld(HeldBid h, RejectReason reason, String detail) {
        refuse(h.key(), h.bid(), reason, detail, bidSource(h.partition(), h.offset()));
        finish(h);
    }

    /** A held bid was taken or rejected: it leaves the store. */
    private void finish(HeldBid h) {
        h.markDone();
        heldCount--;
        metrics.waitingChanged(-1);
        stores.held().delete(h.storeKey());
        clockDirty = true;
    }

    /** Retries the bids held for the auctions of {@code market} up to stage {@code stageId}, now opened. */
    private void releaseWaitingForAuction(MarketState m, long stageId) {
        SortedMap<Long, List<HeldBid>> due = m.waitingForAuction.headMap(stageId, true);
        if (due.isEmpty()) {
            return;
        }
        List<HeldBid> bids = new ArrayList<>();
        due.values().forEach(bids::addAll);
        due.clear();
        bids.forEach(h -> retry(h, false));
    }

    /** Retries the bids held for versions up to {@code version} of the agent's dashboard, now received. */
    private void releaseWaitingForDashboard(MarketState m, String agent, PaymentFormat format, long version) {
        if (m.waitingForDashboard.isEmpty()) {
            return;
        }
        m.takeWaitingForDashboard(h -> h.bid().getAgent().equals(agent) && Formats.of(h.bid().getFormat()) == format
                && h.bid().getDashboardVersion() <= version).forEach(h -> retry(h, false));
    }

    /** Rejects the bids held for a dashboard version that did not arrive before their stage closed. */
    private void rejectWaitingForDashboard(MarketState m, OpenStage stage) {
        if (m.waitingForDashboard.isEmpty()) {
            return;
        }
        for (HeldBid h : m.takeWaitingForDashboard(h -> h.bid().getStageId() == stage.stageId())) {
            Bid bid = h.bid();
            rejectHeld(h, RejectReason.UNKNOWN_DASHBOARD_VERSION, "version " + bid.getDashboardVersion() + " of the "
                    + bid.getFormat() + " dashboard of agent '" + bid.getAgent() + "' had not reached the engine when"
                    + " stage " + stage.stageId() + " of market '" + m.market + "' closed (the bid waited for it)");
        }
    }

    /** Ends the holds that began more than the hold before {@code time}: each bid gets a last try. */
    private void endHolds(long time) {
        HeldBid h;
        while ((h = heldByArrival.peekFirst()) != null) {
            if (h.isDone()) {
                heldByArrival.pollFirst();
                continue;
            }
            if (saturatedAdd(h.arrivalClock(), holdMs) >= time) {
                return;
            }
            heldByArrival.pollFirst();
            MarketState m = states.get(h.bid().getMarket());
            if (m != null) {
                m.stopWaiting(h);
            }
            retry(h, true);
        }
    }

    private void rejectUndecodableAtRestore() {
        if (undecodableAtRestore.isEmpty()) {
            return;
        }
        for (Undecodable u : undecodableAtRestore) {
            StoreCodec.HeldValue v = u.held();
            emit(v.key(), RejectedBids.malformed(u.failure(), v.key(), bidSource(v.partition(), v.offset()),
                    Instant.ofEpochMilli(bidClock)));
        }
        undecodableAtRestore.clear();
    }

    /** Writes the bid clock when a bid left the stores it is recovered from (see {@link #restore}). */
    private void persistClock() {
        if (clockDirty && bidClock != Long.MIN_VALUE) {
            stores.held().put(CLOCK_KEY, StoreCodec.clock(bidClock));
        }
        clockDirty = false;
    }

    private void onAuction(String key, byte[] value) {
        Decoded<AuctionOpened> decoded = decoders.auctions().decode(topics.auctions(), value);
        if (!(decoded instanceof Decoded.Valid<AuctionOpened> valid)) {
            ignore(topics.auctions(), "malformed", "undecodable auction (key " + quoted(key) + "): " + decoded);
            return;
        }
        AuctionOpened auction = valid.value();
        String market = auction.getMarket().equals(key) ? key : auction.getMarket(); // the key: see admit
        long stageId = auction.getStageId();
        Supplier<String> what = () -> "auction of stage " + stageId + " of market '" + market + "'"; // on error only
        if (!market.equals(key)) {
            ignore(topics.auctions(), "key_mismatch", what.get() + " has record key " + quoted(key)
                    + "; key auctions by their market");
            return;
        }
        MarketRuntime runtime = runtimeOf(market);
        if (runtime == null) {
            ignore(topics.auctions(), "unknown_market", what.get() + " names a market with no configuration on"
                    + " topic " + topics.markets());
            return;
        }
        MarketState m = state(market);
        if (!m.ids.canOpen(stageId)) {
            ignore(topics.auctions(), "stage_id_not_increasing", what.get() + " is ignored: stage ids are >= 0 and"
                    + " increase within a market, and the newest stage opened is " + m.ids.newest());
            return;
        }
        long tmax = auction.getTmaxMs() != null ? auction.getTmaxMs() : runtime.stageDeadlineMs();
        if (tmax <= 0) {
            ignore(topics.auctions(), "invalid", what.get() + " has tmaxMs " + tmax + "; a deadline must be > 0 ms");
            return;
        }
        Set<String> eligible = null;
        if (auction.getEligibleAgents() != null) {
            if (auction.getEligibleAgents().isEmpty()) {
                ignore(topics.auctions(), "invalid", what.get() + " has an empty eligibleAgents list; null means any"
                        + " agent may bid");
                return;
            }
            eligible = m.eligible(auction.getEligibleAgents());
        }
        long openedAt = auction.getOpenedAt().toEpochMilli();
        OpenStage stage = new OpenStage(market, stageId, m.takeSlot(), openedAt, saturatedAdd(openedAt, tmax),
                eligible, System.nanoTime());
        m.open.put(stageId, stage);
        long now = bidClock != Long.MIN_VALUE ? bidClock : streamTime;
        StageIds.Change skipped = m.ids.open(stageId, now, now == Long.MIN_VALUE ? Long.MIN_VALUE : now - retentionMs);
        deadlines.add(stage);
        changed(stage);
        stores.stages().put(market, StoreCodec.stageIds(m.ids));
        if (skipped.added() != null) {
            stores.stages().put(gapKey(market, skipped.added()), StoreCodec.gap(skipped.added()));
        }
        for (StageIds.Gap gap : skipped.forgotten()) {
            stores.stages().delete(gapKey(market, gap));
        }
        metrics.stageOpened();
        releaseWaitingForAuction(m, stageId);
        // a stage whose deadline the bids have passed already closes now, with the bids that waited for it
        closeOverdue(bidClock, CloseReason.DEADLINE, -1);
    }

    private void onDashboard(String key, byte[] value) {
        Decoded<Dashboard> decoded = decoders.dashboards().decode(topics.dashboards(), value);
        if (!(decoded instanceof Decoded.Valid<Dashboard> valid)) {
            ignore(topics.dashboards(), "malformed", "undecodable dashboard (key " + quoted(key) + "): " + decoded);
            return;
        }
        Dashboard d = valid.value();
        String what = "dashboard version " + d.getVersion() + " of agent '" + d.getAgent() + "' in market '"
                + d.getMarket() + "'";
        if (!d.getMarket().equals(key)) {
            ignore(topics.dashboards(), "key_mismatch", what + " has record key " + quoted(key)
                    + "; key dashboards by their market");
            return;
        }
        List<String> problems = RecordChecks.problemsOf(d);
        if (!problems.isEmpty()) {
            ignore(topics.dashboards(), "invalid", what + " is invalid: " + String.join("; ", problems));
            return;
        }
        runtimeOf(d.getMarket());
        MarketState m = state(d.getMarket());
        PaymentFormat format = Formats.of(d.getFormat());
        long[] dropped = m.dashboardsForUpdate(d.getAgent(), format).put(d.getVersion(), tableOf(d),
                m.versionsKept());
        boolean kept = true;
        for (long old : dropped) {
            if (old == d.getVersion()) {
                kept = false;
            } else {
                stores.dashboards().delete(dashboardKey(d.getMarket(), d.getAgent(), format, old));
            }
        }
        if (kept) {
            stores.dashboards().put(dashboardKey(d.getMarket(), d.getAgent(), format, d.getVersion()), value);
            if (m.runtime != null) {
                releaseWaitingForDashboard(m, d.getAgent(), format, d.getVersion());
            }
        } else {
            ignore(topics.dashboards(), "older_than_kept", what + " is older than the " + m.versionsKept()
                    + " versions kept");
        }
    }

    /**
     * The configuration in force for {@code market}, or null. When a market has lost its configuration (retired)
     * while the engine held it, or holds open stages of it (only a configured market opens stages; after a restart
     * the retirement itself is not remembered), the market's state goes first: see {@link #retire}.
     */
    private MarketRuntime runtimeOf(String market) {
        MarketRuntime runtime = directory.runtime(market, stores.markets());
        MarketState m = states.get(market);
        if (m != null) {
            if (runtime == null && (m.runtime != null || !m.open.isEmpty())) {
                retire(m);
            } else {
                m.runtime = runtime;
            }
        }
        return runtime;
    }

    /**
     * A market retired (a tombstone on {@code markets}): its open stages are dropped and their bids rejected as
     * UNKNOWN_MARKET, and everything the engine kept about it is deleted.
     */
    private void retire(MarketState m) {
        String market = m.market;
        states.remove(market);
        List<OpenStage> open = new ArrayList<>(m.open.values());
        open.sort(Comparator.comparingLong(OpenStage::stageId));
        for (OpenStage stage : open) {
            for (AcceptedBid bid : stage.bids()) {
                refuseAccepted(market, bid, RejectReason.UNKNOWN_MARKET, "market '" + market + "' was retired while"
                        + " stage " + stage.stageId() + " was open; its bids are not allocated");
            }
            stage.markClosed();
            stores.stages().delete(stage.storeKey());
            metrics.stageDropped();
        }
        stores.stages().delete(market);
        for (StageIds.Gap gap : m.ids.gaps()) {
            stores.stages().delete(gapKey(market, gap));
        }
        m.dashboards.forEach((format, byAgent) -> byAgent.forEach((agent, versions) -> {
            for (long version : versions.versions()) {
                stores.dashboards().delete(dashboardKey(market, agent, format, version));
            }
        }));
        for (String agent : m.standing.keySet()) {
            stores.standing().delete(standingKey(market, agent));
        }
        List<HeldBid> held = new ArrayList<>(m.waitingForDashboard);
        m.waitingForAuction.values().forEach(held::addAll);
        held.sort(Comparator.comparingLong(HeldBid::seq));
        for (HeldBid h : held) {
            rejectHeld(h, RejectReason.UNKNOWN_MARKET, "market '" + market + "' was retired while the bid waited for"
                    + " its " + (h.waitsFor() == HeldBid.Wait.AUCTION ? "auction" : "dashboard"));
        }
        clockDirty = true;
        LOG.info("market {} retired: {} open stages dropped", market, open.size());
    }

    // ---------------------------------------------------------------------------------------------------- closing

    private void closeOverdue(long time, CloseReason reason, long wallMs) {
        OpenStage head;
        while ((head = deadlines.peek()) != null) {
            if (head.isClosed()) {
                deadlines.poll();
                continue;
            }
            if (head.deadline() >= time) {
                return;
            }
            deadlines.poll();
            MarketState m = states.get(head.market());
            if (m == null) {
                continue;
            }
            close(m, head, reason, reason == CloseReason.IDLE_TIMEOUT ? wallMs : head.deadline());
        }
    }

    /** Closes a stage: entries, the mechanism's stage, the outcome; the stage leaves the store. */
    private void close(MarketState m, OpenStage stage, CloseReason reason, long closedAt) {
        MarketRuntime runtime = runtimeOf(m.market);
        if (runtime == null) {
            return; // the market was retired: runtimeOf dropped the stage and rejected its bids
        }
        entryBids.clear();
        entryAgents.clear();
        stageBids.clear();
        for (AcceptedBid bid : stage.bids()) {
            BidTable table = m.table(bid.agent(), bid.format(), bid.dashboardVersion());
            if (table == null) {
                refuseAccepted(m.market, bid, RejectReason.UNKNOWN_DASHBOARD_VERSION, "version "
                        + bid.dashboardVersion() + " of the " + Formats.toRecord(bid.format()) + " dashboard of agent '"
                        + bid.agent() + "' expired before stage " + stage.stageId() + " closed; the engine keeps the"
                        + " newest " + m.versionsKept() + " versions, at bid time and at close");
                continue;
            }
            entryBids.add(bid);
            entryAgents.add(bid.agent());
            stageBids.add(bid.amount(), bid.format(), table);
        }
        int fresh = entryBids.size();
        if (runtime.standingBids()) {
            for (AcceptedBid bid : m.standing.values()) {
                if (stage.hasBidFrom(bid.agent()) || !stage.isEligible(bid.agent())) {
                    continue;
                }
                BidTable table = m.table(bid.agent(), bid.format(), bid.dashboardVersion());
                if (table == null || !runtime.allows(bid.format())) {
                    metrics.standingExpired();
                    continue;
                }
                entryBids.add(bid);
                entryAgents.add(bid.agent());
                stageBids.add(bid.amount(), bid.format(), table);
            }
        }
        int n = entryBids.size();
        List<StageEntry> entries = new ArrayList<>(n);
        if (n > 0) {
            DashboardMechanismStage mechanism = runtime.stageFor(entryAgents);
            random.reset(runtime.seed(), stage.stageId()); // replays draw the same: seeded by (market seed, stage)
            mechanism.run(stageBids, random, result);
            for (int i = 0; i < n; i++) {
                AcceptedBid bid = entryBids.get(i);
                Clamp clamp = result.clamp(i);
                if (clamp != Clamp.NONE && i < fresh) {
                    metrics.clamped(clamp == Clamp.ABOVE_HIGHEST_BID);
                }
                // the all-args constructor: the builder validates and deep-copies every field, per entry
                entries.add(new StageEntry(bid.agent(), Formats.toRecord(bid.format()), bid.amount(),
                        bid.dashboardVersion(), bid.bidId(), i >= fresh, result.inferredValue(i), clamp != Clamp.NONE,
                        result.instrumented(i), result.input(i), result.won(i), result.paid(i), result.truthful(i)));
            }
        }
        MarketConfig config = runtime.config();
        StageOutcome outcome = new StageOutcome(m.market, stage.stageId(), Instant.ofEpochMilli(stage.openedAt()),
                Instant.ofEpochMilli(closedAt), reason, config.getAlgorithm().getType(), config.getRho(),
                config.getUpdatedAt(), entries);
        output.outcome(m.market, outcome, closedAt);

        stage.markClosed();
        m.open.remove(stage.stageId());
        m.releaseSlot(stage.slot());
        stores.stages().delete(stage.storeKey());
        clockDirty = true;
        metrics.stageClosed(reason, closedAt - stage.openedAt(), System.nanoTime() - stage.openedNanos());
        metrics.entries(fresh, n - fresh);
        rejectWaitingForDashboard(m, stage);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private MarketState state(String market) {
        return states.computeIfAbsent(market, MarketState::new);
    }

    private void refuse(String key, Bid bid, RejectReason reason, String detail, RejectedBids.Source source) {
        emit(key, RejectedBids.refused(bid, reason, detail, source, Instant.ofEpochMilli(bidClock)));
    }

    /** Rejects a bid that had been taken into a stage (its market retired, its dashboard version expired). */
    private void refuseAccepted(String market, AcceptedBid bid, RejectReason reason, String detail) {
        Bid original = Bid.newBuilder()
                .setMarket(market)
                .setStageId(bid.stageId())
                .setAgent(bid.agent())
                .setAmount(bid.amount())
                .setFormat(Formats.toRecord(bid.format()))
                .setDashboardVersion(bid.dashboardVersion())
                .setSubmittedAt(Instant.ofEpochMilli(bid.timestamp()))
                .setBidId(bid.bidId())
                .build();
        emit(market, RejectedBids.refused(original, reason, detail, bidSource(bid.partition(), bid.offset()),
                Instant.ofEpochMilli(bidClock)));
    }

    /** Where a bid was read (made only for a rejection: it boxes the partition and offset). */
    private RejectedBids.Source bidSource(Arrival a) {
        return bidSource(a.partition(), a.offset());
    }

    /** Where a bid was read: the bids topic, its partition and offset. */
    private RejectedBids.Source bidSource(int partition, long offset) {
        return new RejectedBids.Source(topics.bids(), partition, offset);
    }

    private void emit(String key, RejectedBid rejected) {
        clockDirty = true;
        metrics.rejected(rejected.getReason());
        output.rejected(key, rejected, rejected.getRejectedAt().toEpochMilli());
    }

    private void ignore(String topic, String reason, String detail) {
        metrics.ignored(topic, reason);
        LOG.warn("ignored a record of {}: {}", topic, detail);
    }

    private static BidTable tableOf(Dashboard d) {
        return BidTable.of(toArray(d.getValues()), toArray(d.getBids()), toArray(d.getWinProbabilities()));
    }

    private static double[] toArray(List<Double> xs) {
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs.get(i);
        }
        return out;
    }

    private static String quoted(String key) {
        return key == null ? "null" : "'" + key + "'";
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * The key of the open stage in {@code slot} of {@code market} in the stages store (the bare market id keys its
     * stage-id bookkeeping).
     */
    public static String slotKey(String market, int slot) {
        return market + MarketKeys.SEPARATOR + slot;
    }

    /** What follows {@code market/} in the stages-store key of a skipped stage-id range. */
    static final String GAP_KEY_MARK = "skipped-";

    /** The key of a skipped stage-id range in the stages store: {@code market/skipped-FROM}. */
    static String gapKey(String market, StageIds.Gap gap) {
        return market + MarketKeys.SEPARATOR + GAP_KEY_MARK + gap.from();
    }

    /** The key of a dashboard version in the dashboards store. */
    public static String dashboardKey(String market, String agent, PaymentFormat format, long version) {
        return market + MarketKeys.SEPARATOR + agent + MarketKeys.SEPARATOR + Formats.toRecord(format)
                + MarketKeys.SEPARATOR + version;
    }

    /** The key of a standing bid in the standing-bids store. */
    public static String standingKey(String market, String agent) {
        return market + MarketKeys.SEPARATOR + agent;
    }
}
