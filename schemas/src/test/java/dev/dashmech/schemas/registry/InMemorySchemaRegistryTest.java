package dev.dashmech.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private static final Schema V1 = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredString("a").endRecord();
    private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredString("a").name("b").type().intType().intDefault(0).endRecord();
    private static final Schema V2_REQUIRED = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredString("a").requiredInt("b").endRecord();
    private static final Schema V2_DROPPED_A = SchemaBuilder.record("Thing").namespace("t").fields()
            .name("b").type().intType().intDefault(0).endRecord();

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();

    @Test
    void shouldHandOutTheSameInstanceForTheSameNameUntilDropped() {
        String name = "shared-" + UUID.randomUUID();

        InMemorySchemaRegistry first = InMemorySchemaRegistry.named(name);
        first.register("s", V1);

        assertThat(SchemaRegistries.connect("mock://" + name)).isSameAs(first);
        InMemorySchemaRegistry.drop(name);
        assertThat(InMemorySchemaRegistry.named(name)).isNotSameAs(first);
        assertThat(InMemorySchemaRegistry.named(name).subjects()).isEmpty();
        InMemorySchemaRegistry.drop(name);
    }

    @Test
    void shouldGiveOneIdToOneSchemaAcrossSubjectsAndNotAddAVersionWhenReRegistered() {
        int a = registry.register("a-value", V1);
        int b = registry.register("b-value", V1);
        int again = registry.register("a-value", V1);

        assertThat(b).isEqualTo(a);
        assertThat(again).isEqualTo(a);
        assertThat(registry.latest("a-value").version()).isEqualTo(1);
        assertThat(registry.idOf("b-value", V1)).isEqualTo(a);
        assertThat(registry.schemaById(a)).isEqualTo(V1);
    }

    @Test
    void shouldAcceptAnAddedFieldWithDefaultAndRefuseOneWithoutUnderBackward() {
        registry.register("s", V1);

        assertThatThrownBy(() -> registry.register("s", V2_REQUIRED))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("mock://")
                .hasMessageContaining("'s'")
                .hasMessageContaining("field 'b'");
        assertThat(registry.register("s", V2_WITH_DEFAULT)).isEqualTo(2);
        assertThat(registry.latest("s").version()).isEqualTo(2);
    }

    @Test
    void shouldAcceptAnythingUnderNone() {
        registry.setCompatibility(CompatibilityLevel.NONE);
        registry.register("s", V1);

        assertThat(registry.register("s", V2_REQUIRED)).isPositive();
    }

    @Test
    void shouldCheckOldReadersUnderForward() {
        // given FORWARD on one subject: the old schema must read data written with the new one
        registry.setCompatibility("s", CompatibilityLevel.FORWARD);
        registry.register("s", V1);

        // then dropping a field the old schema needs (no default) is refused
        assertThat(registry.checkCompatibility("s", V2_DROPPED_A).compatible()).isFalse();
        assertThat(registry.checkCompatibility("s", V2_REQUIRED).compatible()).isTrue();
        assertThat(registry.levelOf("other")).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldCheckEveryVersionWhenTransitive() {
        // given v1 {a: string}, then v2 {} which dropped a
        registry.register("s", V1);
        registry.register("s", SchemaBuilder.record("Thing").namespace("t").fields().endRecord());
        // and a v3 bringing a back as an int with a default: it reads v2 data, but not v1's string a
        Schema v3 = SchemaBuilder.record("Thing").namespace("t").fields()
                .name("a").type().intType().intDefault(0).endRecord();

        // then BACKWARD (against the latest only) accepts it and BACKWARD_TRANSITIVE refuses it
        assertThat(registry.checkCompatibility("s", v3).compatible()).isTrue();
        registry.setCompatibility("s", CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(registry.checkCompatibility("s", v3).reasons())
                .singleElement().asString().contains("version 1").contains("field 'a'");
    }

    @Test
    void shouldNameTheIdAndSubjectWhenTheyAreUnknown() {
        assertThatThrownBy(() -> registry.schemaById(99))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> assertThat(e.schemaId()).isEqualTo(99))
                .hasMessageContaining("id 99");
        assertThatThrownBy(() -> registry.latest("nope-value"))
                .isInstanceOfSatisfying(SchemaNotFoundException.class,
                        e -> assertThat(e.subject()).isEqualTo("nope-value"));
        registry.register("s", V1);
        assertThatThrownBy(() -> registry.idOf("s", V2_WITH_DEFAULT))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("auto.register.schemas");
    }

    @Test
    void shouldRefuseANamelessMockUrl() {
        assertThatThrownBy(() -> SchemaRegistries.connect("mock://"))
                .isInstanceOf(InvalidRegistryUrlException.class)
                .hasMessageContaining("mock://my-registry");
    }
}
