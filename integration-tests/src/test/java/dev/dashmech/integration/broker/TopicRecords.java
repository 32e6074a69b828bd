package dev.dashmech.integration.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records to a topic and reads them back with plain Kafka clients and the serializers under test, bounded
 * in time. Keys are strings, as on every dashmech topic.
 */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** Produces {@code records} (key to value, in order) with {@code acks=all} and waits for every ack. */
    public static <V> void produce(String bootstrap, String topic, Serializer<V> valueSerializer,
            List<Map.Entry<String, V>> records, Duration timeout) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis() / 2, 30_000),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(), valueSerializer)) {
            List<Future<?>> acks = new ArrayList<>();
            for (Map.Entry<String, V> record : records) {
                acks.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
            }
            for (Future<?> ack : acks) {
                ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new AssertionError("Producing to " + topic + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Producing to " + topic + " was not acknowledged within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while producing to " + topic, e);
        }
    }

    /**
     * Reads exactly {@code count} records from the beginning of every partition of {@code topic} (no consumer
     * group), failing if fewer arrive within {@code timeout}. Records of one partition come in offset order.
     */
    public static <V> List<ConsumerRecord<String, V>> consume(String bootstrap, String topic,
            Deserializer<V> valueDeserializer, int count, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> read = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                valueDeserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (read.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        if (read.size() != count) {
            throw new AssertionError("Expected " + count + " records in " + topic + " within " + timeout
                    + " but read " + read.size());
        }
        return read;
    }
}
