package dev.dashmech.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceMetrics metrics;
    private MetricsServer server;

    @BeforeEach
    void start() {
        metrics = ServiceMetrics.create("test-service");
        server = MetricsServer.start(metrics, 0);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void shouldServeMetersInPrometheusTextWithTheServiceTag() throws Exception {
        // given
        metrics.registry().counter("dashmech.bids.received", "market", "m1").increment(3);

        // when
        HttpResponse<String> response = get(server.metricsUri());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(MetricsServer.PROMETHEUS_CONTENT_TYPE);
        assertThat(response.body())
                .contains("dashmech_bids_received_total{market=\"m1\",service=\"test-service\"} 3.0")
                .contains("jvm_memory_used_bytes")
                .contains("process_uptime_seconds");
    }

    @Test
    void shouldListenOnLoopback() {
        // then
        assertThat(server.metricsUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
    }

    @Test
    void shouldReportUpWhenEveryCheckIsUp() throws Exception {
        // given
        server.register("streams", () -> HealthStatus.up("RUNNING"));

        // when
        HttpResponse<String> response = get(server.healthUri());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"UP\",\"checks\":{\"streams\":{\"status\":\"UP\",\"detail\":\"RUNNING\"}}}\n");
    }

    @Test
    void shouldReport503WhenACheckIsDownOrThrows() throws Exception {
        // given
        server.register("streams", () -> HealthStatus.up("RUNNING"));
        server.register("ledger", () -> HealthStatus.down("ERROR"));
        server.register("broken", () -> {
            throw new IllegalStateException("oops");
        });

        // when
        HttpResponse<String> response = get(server.healthUri());

        // then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).startsWith("{\"status\":\"DOWN\"")
                .contains("\"ledger\":{\"status\":\"DOWN\",\"detail\":\"ERROR\"}")
                .contains("health check failed: java.lang.IllegalStateException: oops");
        assertThat(server.health().up()).isFalse();
    }

    @Test
    void shouldAnswer404ElsewhereAnd405ForPost() throws Exception {
        // when
        HttpResponse<String> elsewhere = get(URI.create("http://127.0.0.1:" + server.port() + "/admin"));
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(server.metricsUri())
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void shouldNameATakenPort() {
        // when / then
        assertThatThrownBy(() -> MetricsServer.start(metrics, server.port()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("metrics port " + server.port() + " on 127.0.0.1 is in use");
    }

    static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
