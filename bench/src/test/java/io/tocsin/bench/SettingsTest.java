package io.tocsin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theStandaloneLauncherUnlessSeparateProcessesAreAskedFor() {
        assertThat(Settings.parse("--quick").separate()).isFalse();
        assertThat(Settings.parse("--mode=standalone").separate()).isFalse();
        assertThat(Settings.parse("--mode=separate", "--rate=100").separate()).isTrue();
    }

    @Test
    void anUnknownModeIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> Settings.parse("--mode=docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--mode is standalone or separate, not 'docker'");
    }
}
