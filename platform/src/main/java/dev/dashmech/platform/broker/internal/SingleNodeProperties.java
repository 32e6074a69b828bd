package dev.dashmech.platform.broker.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server properties of a one-node KRaft cluster (combined broker and controller) listening on 127.0.0.1 only.
 *
 * <p>A single node must hold every internal topic itself, so the replication factors and minimum in-sync replicas of
 * the consumer-offsets, transaction-state and share-state topics are 1; without them consumer groups, transactions
 * and therefore exactly-once Streams applications would never start.
 */
public final class SingleNodeProperties {

    /** The node id of every single-node cluster we run. */
    public static final int NODE_ID = 1;

    /** How the controller quorum is declared. */
    public enum Quorum {
        /** {@code controller.quorum.voters}: a static quorum (storage formatted without {@code --standalone}). */
        STATIC_VOTERS,
        /** {@code controller.quorum.bootstrap.servers}: a dynamic quorum formatted with {@code --standalone}. */
        STANDALONE
    }

    private SingleNodeProperties() {
    }

    /**
     * The properties of a node with its broker listener on {@code brokerPort}, its controller listener on
     * {@code controllerPort}, and its log (and metadata log) in {@code logDir}.
     */
    public static Map<String, String> of(int brokerPort, int controllerPort, Path logDir, Quorum quorum) {
        String host = LoopbackPorts.HOST;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        if (quorum == Quorum.STATIC_VOTERS) {
            p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        } else {
            p.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        }
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // one node holds every replica of the internal topics: groups, transactions (hence exactly-once), share groups
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // no other member can be on its way: do not hold the first rebalance of a group back
        p.put("group.initial.rebalance.delay.ms", "0");
        // topics are created on purpose (topic catalog, tests); a mistyped name must fail, not appear
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    /** The settings that keep an in-process node light: few threads, small internal topics, a small cleaner buffer. */
    public static Map<String, String> lightweight() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return p;
    }

    /** A {@link Properties} copy of {@code map}, as Kafka's configuration classes take it. */
    public static Properties toProperties(Map<String, String> map) {
        Properties properties = new Properties();
        properties.putAll(map);
        return properties;
    }
}
