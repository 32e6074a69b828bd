package dev.dashmech.dashctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunCommandTest {

    @Test
    void shouldRefuseAnUnknownRoleNamingTheRoles() {
        Run r = Run.of("run", "--role", "ledger-of-doom");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown role 'ledger-of-doom'", "stage-engine");
    }

    @Test
    void shouldRefuseABadEngineSettingBeforeStartingAnything() {
        Run r = Run.of("run", "--role", "stage-engine", "--set", "engine.store.type=floppy");

        assertThat(r.exitCode()).isEqualTo(RunCommand.BAD_CONFIG_EXIT_CODE);
        assertThat(r.err()).contains("engine.store.type", "floppy");
    }

    @Test
    void shouldRefuseAnUnknownSetting() {
        Run r = Run.of("run", "--role", "stage-engine", "--set", "engine.idle.close.intervall.ms=5");

        assertThat(r.exitCode()).isEqualTo(RunCommand.BAD_CONFIG_EXIT_CODE);
        assertThat(r.err()).contains("engine.idle.close.intervall.ms");
    }
}
