package dev.dashmech.schemas.serde.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dashmech.schemas.avro.Bid;
import dev.dashmech.schemas.avro.SampleRecords;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class PrecheckRuleTest {

    private static final SpecificData MODEL = SpecificData.get();

    @Test
    void shouldNotNeedTheWalkForAnyOfOurRecordTypesReadWithThemselves() {
        for (SpecificRecord record : SampleRecords.all()) {
            Schema schema = record.getSchema();
            assertThat(PrecheckRule.needed(schema, schema, MODEL)).as(schema.getName()).isFalse();
        }
    }

    @Test
    void shouldNeedTheWalkForARecursiveWriterSchema() {
        Schema writer = bidWith("""
                {"name": "chain", "type": {"type": "record", "name": "Link",
                  "fields": [{"name": "next", "type": ["null", "Link"]}]}}""");

        assertThat(PrecheckRule.needed(writer, Bid.getClassSchema(), MODEL)).isTrue();
    }

    @Test
    void shouldNeedTheWalkForAnArrayOfNulls() {
        Schema writer = bidWith("""
                {"name": "gaps", "type": {"type": "array", "items": "null"}}""");

        assertThat(PrecheckRule.needed(writer, Bid.getClassSchema(), MODEL)).isTrue();
    }

    @Test
    void shouldNeedTheWalkForAnArrayOfEmptyRecords() {
        Schema writer = bidWith("""
                {"name": "marks", "type": {"type": "array", "items":
                  {"type": "record", "name": "Mark", "fields": []}}}""");

        assertThat(PrecheckRule.needed(writer, Bid.getClassSchema(), MODEL)).isTrue();
    }

    @Test
    void shouldNeedTheWalkForASkippedFieldHoldingAnEnum() {
        Schema writer = bidWith("""
                {"name": "colour", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "BLUE"]}}""");

        assertThat(PrecheckRule.needed(writer, Bid.getClassSchema(), MODEL)).isTrue();
    }

    @Test
    void shouldNotNeedTheWalkForASkippedFieldWithoutAnEnum() {
        Schema writer = bidWith("""
                {"name": "tags", "type": {"type": "map", "values": {"type": "array", "items": "string"}}}""");

        assertThat(PrecheckRule.needed(writer, Bid.getClassSchema(), MODEL)).isFalse();
    }

    @Test
    void shouldNeedTheWalkForNestingDeeperThanTheWalkAllows() {
        String type = "\"long\"";
        for (int k = 0; k < AvroBytesCheck.MAX_DEPTH; k++) {
            type = "{\"type\": \"array\", \"items\": " + type + "}";
        }
        Schema writer = bidWith("{\"name\": \"deep\", \"type\": " + type + "}");

        assertThat(PrecheckRule.needed(writer, Bid.getClassSchema(), MODEL)).isTrue();
    }

    /** Bid as written by a producer whose schema has one more field, which our Bid skips. */
    static Schema bidWith(String fieldJson) {
        Schema extra = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Extra\", \"namespace\": \"x\","
                + " \"fields\": [" + fieldJson + "]}");
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : Bid.getClassSchema().getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        Schema.Field added = extra.getFields().get(0);
        fields.add(new Schema.Field(added, added.schema()));
        Schema bid = Bid.getClassSchema();
        return Schema.createRecord(bid.getName(), bid.getDoc(), bid.getNamespace(), false, fields);
    }
}
