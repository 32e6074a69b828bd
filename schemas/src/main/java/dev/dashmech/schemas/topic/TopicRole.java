package dev.dashmech.schemas.topic;

import dev.dashmech.schemas.avro.AgentBalance;
import dev.dashmech.schemas.avro.AuctionOpened;
import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.Dashboard;
import dev.dashmech.schemas.avro.MarketConfig;
import dev.dashmech.schemas.avro.RejectedBid;
import dev.dashmech.schemas.avro.StageOutcome;
import org.apache.avro.specific.SpecificRecord;

/**
 * The topics of dashmech and what each is for (ARCHITECTURE.md "Data flow"). The loop topics, read together
 * by the Streams services, are co-partitioned: same partition count, records partitioned by market.
 */
public enum TopicRole {
    /** Market configurations, the latest per market in force. Written by the operator. */
    MARKETS("markets", KeyFormat.MARKET, MarketConfig.class, true, CleanupPolicy.COMPACT),
    /** Stage openings. Written by auction sources; read by the stage engine. */
    AUCTIONS("auctions", KeyFormat.MARKET, AuctionOpened.class, true, CleanupPolicy.DELETE),
    /** Bids. Written by bidders and bid-ingest; read by the stage engine. */
    BIDS("bids", KeyFormat.MARKET, Bid.class, true, CleanupPolicy.DELETE),
    /**
     * Bids not taken into a stage, with the reason. Written by the stage engine; read by operators. Key: the
     * source record's key (the market), null when it had none. Not read back into the loop.
     */
    REJECTED_BIDS("rejected-bids", KeyFormat.MARKET, RejectedBid.class, false, CleanupPolicy.DELETE),
    /** One outcome per closed stage. Written by the stage engine; read by the ledger and the publisher. */
    STAGE_OUTCOMES("stage-outcomes", KeyFormat.MARKET, StageOutcome.class, true, CleanupPolicy.DELETE),
    /**
     * Each agent's latest balance. Written by the balance ledger, partitioned by market (it must be produced
     * with {@link MarketPartitioner} or an equivalent stream partitioner); read by the publisher.
     */
    BALANCES("balances", KeyFormat.MARKET_AGENT, AgentBalance.class, true, CleanupPolicy.COMPACT),
    /** Every dashboard version. Written by the publisher; read by the stage engine for inference. */
    DASHBOARDS_INTERNAL("dashboards.internal", KeyFormat.MARKET, Dashboard.class, true, CleanupPolicy.DELETE),
    /** Each agent's latest dashboard per format, for agents. Written by the publisher. */
    DASHBOARDS("dashboards", KeyFormat.MARKET_AGENT_FORMAT, Dashboard.class, false, CleanupPolicy.COMPACT);

    private final String baseName;
    private final KeyFormat keyFormat;
    private final Class<? extends SpecificRecord> valueType;
    private final boolean coPartitioned;
    private final CleanupPolicy cleanupPolicy;

    TopicRole(String baseName, KeyFormat keyFormat, Class<? extends SpecificRecord> valueType, boolean coPartitioned,
              CleanupPolicy cleanupPolicy) {
        this.baseName = baseName;
        this.keyFormat = keyFormat;
        this.valueType = valueType;
        this.coPartitioned = coPartitioned;
        this.cleanupPolicy = cleanupPolicy;
    }

    /** The topic name before any catalog prefix, e.g. {@code stage-outcomes}. */
    public String baseName() {
        return baseName;
    }

    public KeyFormat keyFormat() {
        return keyFormat;
    }

    /** The generated Avro class of the values. */
    public Class<? extends SpecificRecord> valueType() {
        return valueType;
    }

    /** Whether the topic belongs to the loop whose topics share one partition count. */
    public boolean coPartitioned() {
        return coPartitioned;
    }

    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }
}
