package dev.dashmech.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import dev.dashmech.platform.broker.internal.LoopbackPorts;
import dev.dashmech.platform.config.ServiceConfig;

class KafkaEndpointTest {

    @Test
    void shouldUseTheConfiguredBrokersAndStartNothing() {
        // given
        ServiceConfig config = ServiceConfig.builder().flags(Map.of("bootstrap.servers", "broker-1:9092")).build();

        // when
        try (KafkaEndpoint endpoint = KafkaEndpoint.of(config)) {

            // then
            assertThat(endpoint.bootstrapServers()).isEqualTo("broker-1:9092");
            assertThat(endpoint.embeddedBroker()).isEmpty();
        }
    }

    @Test
    void shouldStartAnEmbeddedBrokerWhenNoneIsConfiguredAndStopItOnClose() throws Exception {
        // given
        ServiceConfig config = ServiceConfig.builder().build();

        // when
        String bootstrap;
        try (KafkaEndpoint endpoint = KafkaEndpoint.of(config)) {
            bootstrap = endpoint.bootstrapServers();

            // then
            assertThat(endpoint.embeddedBroker()).isPresent();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        }
        assertThat(LoopbackPorts.isFree(Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1)))).isTrue();
    }
}
