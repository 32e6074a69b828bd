package dev.dashmech.engine.topology;

import static dev.dashmech.engine.topology.EngineTestKit.bid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.engine.processor.internal.StageEngine;
import dev.dashmech.engine.topology.internal.WriteBehindStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The engine's stores keep writes in a map until Kafka Streams prepares a commit (WriteBehindStore); what reaches the
 * changelogs must still be, at every commit, exactly the stores' contents, or a task restored from its changelogs
 * would lose the bids it took since. The test driver commits after every record, so after each record the changelog
 * of every task store, folded by key, must equal the store.
 */
class WriteBehindCommitTest {

    private static final String APP = "engine-test"; // EngineTestKit's application.id
    private static final String[] STORES = {StageEngineTopology.STAGES_STORE, StageEngineTopology.DASHBOARDS_STORE,
            StageEngineTopology.STANDING_STORE, StageEngineTopology.HELD_STORE};

    @Test
    void shouldHaveEveryWriteInTheChangelogAtEveryCommit() {
        try (EngineTestKit kit = EngineTestKit.start()) {
            Map<String, TestOutputTopic<String, byte[]>> changelogs = new HashMap<>();
            Map<String, Map<String, byte[]>> folded = new HashMap<>();
            for (String store : STORES) {
                changelogs.put(store, kit.driver.createOutputTopic(APP + "-" + store + "-changelog",
                        new StringDeserializer(), new ByteArrayDeserializer()));
                folded.put(store, new TreeMap<>());
            }
            List<Runnable> steps = List.of(
                    () -> kit.configure(),
                    () -> kit.open(1, 0, "a", "b", "c"),
                    () -> kit.send(bid(1, "a", 2.5).build(), 10),
                    () -> kit.send(bid(1, "b", 1.5).build(), 20),
                    () -> kit.send(bid(2, "a", 1.0).build(), 25), // waits for stage 2's auction (held store)
                    () -> kit.open(2, 30),
                    () -> kit.send(bid(1, "c", 3.0).build(), 40), // stage 1 closes: all eligible bid
                    () -> kit.publish(EngineTestKit.dashboard("a", 1, dev.dashmech.schemas.avro.PaymentFormat
                            .WINNER_PAYS_BID, v -> v / EngineTestKit.VMAX).build(), 50),
                    () -> kit.advanceTo(500)); // stage 2 closes at its deadline
            int[] stageBytes = new int[steps.size()];
            for (int i = 0; i < steps.size(); i++) {
                steps.get(i).run();
                for (String store : STORES) {
                    Map<String, byte[]> log = folded.get(store);
                    for (KeyValue<String, byte[]> record : changelogs.get(store).readKeyValuesToList()) {
                        if (record.value == null) {
                            log.remove(record.key);
                        } else {
                            log.put(record.key, record.value);
                        }
                    }
                    assertThat(render(log)).as("changelog of %s after step %d", store, i)
                            .isEqualTo(render(contents(kit.driver.getKeyValueStore(store))));
                }
                byte[] stage1 = folded.get(StageEngineTopology.STAGES_STORE)
                        .get(StageEngine.slotKey(EngineTestKit.MARKET, 0));
                stageBytes[i] = stage1 == null ? 0 : stage1.length;
            }
            // the engine's processor found the write-behind store under Kafka Streams' wrapper and defers its open
            // stages to it (written at each commit, which the test driver makes after every record)
            assertThat(kit.driver.<String, byte[]>getKeyValueStore(StageEngineTopology.STAGES_STORE))
                    .isInstanceOfSatisfying(WriteBehindStore.class, s -> assertThat(s.hasDeferredWriter()).isTrue());
            // stage 1 (slot 0) reached the changelog when it opened and again with each bid, not only at the end
            assertThat(stageBytes[1]).isPositive();
            assertThat(stageBytes[2]).isGreaterThan(stageBytes[1]);
            assertThat(stageBytes[3]).isGreaterThan(stageBytes[2]);
            assertThat(kit.outcomes()).hasSize(2);
        }
    }

    private static Map<String, byte[]> contents(KeyValueStore<String, byte[]> store) {
        Map<String, byte[]> out = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }

    private static Map<String, String> render(Map<String, byte[]> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, Arrays.toString(v)));
        return out;
    }
}
