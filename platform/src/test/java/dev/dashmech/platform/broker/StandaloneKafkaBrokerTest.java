package dev.dashmech.platform.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dashmech.platform.broker.internal.LoopbackPorts;

class StandaloneKafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepTopicsWhenRestartedOnTheSameDataDirectory() throws Exception {
        // given
        int[] ports = LoopbackPorts.free(2);
        Path data = dir.resolve("data");
        var options = StandaloneKafkaBroker.Options.of(data).withPort(ports[0]).withControllerPort(ports[1]);
        try (StandaloneKafkaBroker first = StandaloneKafkaBroker.start(options)) {
            assertThat(first.formatted()).isTrue();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", first.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }

        // when: restarted without naming the ports again
        try (StandaloneKafkaBroker second = StandaloneKafkaBroker.start(StandaloneKafkaBroker.Options.of(data))) {

            // then
            assertThat(second.formatted()).isFalse();
            assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + ports[0]);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", second.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            }
        }
        assertThat(data.resolve(StandaloneKafkaBroker.PROPERTIES_FILE)).content()
                .contains("controller.quorum.bootstrap.servers=127.0.0.1:" + ports[1])
                .doesNotContain("0.0.0.0");
    }

    @Test
    void shouldRefuseAnotherPortForAnExistingDataDirectory() {
        // given
        int[] ports = LoopbackPorts.free(3);
        Path data = dir.resolve("data");
        StandaloneKafkaBroker.start(StandaloneKafkaBroker.Options.of(data).withPort(ports[0])
                .withControllerPort(ports[1])).close();

        // when / then
        assertThatThrownBy(() -> StandaloneKafkaBroker.start(StandaloneKafkaBroker.Options.of(data).withPort(ports[2])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was created for --port " + ports[0])
                .hasMessageContaining("not " + ports[2]);
    }

    @Test
    void shouldRefuseANonEmptyDirectoryThatIsNotABrokers() throws Exception {
        // given
        Path data = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(data.resolve("holiday.jpg"), "not kafka");

        // when / then
        assertThatThrownBy(() -> StandaloneKafkaBroker.start(StandaloneKafkaBroker.Options.of(data)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(data.toString())
                .hasMessageContaining("not empty");
        assertThat(data.resolve(StandaloneKafkaBroker.PROPERTIES_FILE)).doesNotExist();
    }

    @Test
    void shouldExitOneAndPrintNoAddressWhenTheForegroundBrokerCannotStart() throws Exception {
        // given
        Path data = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(data.resolve("notes.txt"), "not a broker");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        // when
        int status = StandaloneKafkaBroker.runInForeground(StandaloneKafkaBroker.Options.of(data),
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));

        // then
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(UTF_8)).isEmpty();
        assertThat(err.toString(UTF_8))
                .startsWith("broker: data directory " + data)
                .contains("not empty");
    }

    @Test
    void shouldNameATakenPortAndLeaveNothingBehind() throws Exception {
        // given
        Path data = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();

            // when / then
            assertThatThrownBy(() -> StandaloneKafkaBroker.start(StandaloneKafkaBroker.Options.of(data)
                    .withPort(port).withControllerPort(LoopbackPorts.free())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " (--port)")
                    .hasMessageContaining("in use");
        }
        assertThat(data).doesNotExist();
    }
}
