package dev.dashmech.platform.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatItWroteWithListenersLeftReadable() throws Exception {
        // given
        Map<String, String> written = new LinkedHashMap<>();
        written.put("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        written.put("log.dirs", "C:\\kafka logs\\one");
        written.put("tricky", " leading space, tab\tand newline\n=#!");
        Path file = dir.resolve("server.properties");

        // when
        PropertiesFiles.write(file, written, List.of("a comment"));

        // then
        assertThat(PropertiesFiles.read(file)).isEqualTo(written);
        assertThat(file).content().startsWith("# a comment\n")
                .contains("listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093\n");
    }

    @Test
    void shouldRefuseAKeyItCannotWritePlainly() {
        // when / then
        assertThatThrownBy(() -> PropertiesFiles.write(dir.resolve("x"), Map.of("a key", "v"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a key'");
    }
}
