package dev.dashmech.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.schemas.topic.TopicRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class SchemaContractTest {

    @Test
    void shouldDocumentEveryNamedTypeAndFieldOfEveryTopicRecord() {
        // given every record type on a topic
        List<String> undocumented = new ArrayList<>();
        Set<String> seen = new HashSet<>();

        // when walking their schemas, nested types included
        for (TopicRole role : TopicRole.values()) {
            collectUndocumented(SpecificData.get().getSchema(role.valueType()), seen, undocumented);
        }

        // then nothing lacks a doc
        assertThat(undocumented).isEmpty();
        assertThat(seen).contains("dev.dashmech.schemas.avro.StageEntry", "dev.dashmech.schemas.avro.PublisherCadence",
                "dev.dashmech.schemas.avro.RejectReason", "dev.dashmech.schemas.avro.MalformedReason");
    }

    @Test
    void shouldPutEveryRecordInTheContractNamespace() {
        for (TopicRole role : TopicRole.values()) {
            assertThat(SpecificData.get().getSchema(role.valueType()).getNamespace())
                    .isEqualTo("dev.dashmech.schemas.avro");
        }
    }

    @Test
    void shouldGiveEveryOptionalFieldANullDefaultSoOldRecordsStillRead() {
        // given the unions with null, the fields a writer may leave out
        List<String> withoutDefault = new ArrayList<>();
        for (TopicRole role : TopicRole.values()) {
            Schema schema = SpecificData.get().getSchema(role.valueType());
            for (Schema.Field f : schema.getFields()) {
                if (f.schema().isNullable() && !f.hasDefaultValue()) {
                    withoutDefault.add(schema.getName() + "." + f.name());
                }
            }
        }
        // then each has a default
        assertThat(withoutDefault).isEmpty();
    }

    private static void collectUndocumented(Schema schema, Set<String> seen, List<String> undocumented) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                requireDoc(schema.getFullName(), schema.getDoc(), undocumented);
                for (Schema.Field field : schema.getFields()) {
                    requireDoc(schema.getFullName() + "." + field.name(), field.doc(), undocumented);
                    collectUndocumented(field.schema(), seen, undocumented);
                }
            }
            case ENUM, FIXED -> {
                if (seen.add(schema.getFullName())) {
                    requireDoc(schema.getFullName(), schema.getDoc(), undocumented);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, seen, undocumented));
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, undocumented);
            case MAP -> collectUndocumented(schema.getValueType(), seen, undocumented);
            default -> {
                // primitives carry no doc
            }
        }
    }

    private static void requireDoc(String what, String doc, List<String> undocumented) {
        if (doc == null || doc.isBlank()) {
            undocumented.add(what);
        }
    }
}
