package dev.dashmech.schemas.serde;

import dev.dashmech.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Ready-made {@link Serde}s of the Confluent-framed Avro serializer and deserializer. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /**
     * A configured serde of {@code type} (e.g. {@code AvroSerdes.specific(Bid.class, Map.of(
     * "schema.registry.url", "mock://demo"), false)}): keys of {@link AvroSerdeConfig}; {@code isKey} picks the
     * {@code <topic>-key} or {@code <topic>-value} subject.
     */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, Map<String, ?> config, boolean isKey) {
        Serde<T> serde = Serdes.serdeFrom(new ConfluentAvroSerializer<>(), new ConfluentAvroDeserializer<>(type));
        serde.configure(config, isKey);
        return serde;
    }

    /**
     * A serde of {@code type} with an existing registry client; {@code isKey} picks the {@code <topic>-key} or
     * {@code <topic>-value} subject.
     */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient registry,
                                                               boolean autoRegister, boolean isKey) {
        Serde<T> serde = Serdes.serdeFrom(new ConfluentAvroSerializer<>(registry, autoRegister),
                new ConfluentAvroDeserializer<>(registry, type));
        serde.configure(Map.of(), isKey);
        return serde;
    }
}
