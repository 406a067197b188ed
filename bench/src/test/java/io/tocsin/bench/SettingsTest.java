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

    @Test
    void everyScenarioUnlessOnlySomeAreAskedFor() {
        assertThat(Settings.parse("--quick").only()).containsExactlyElementsOf(Settings.SCENARIOS);
        Settings some = Settings.parse("--quick", "--only=idle,storm,neighbour");
        assertThat(some.runs("storm")).isTrue();
        assertThat(some.runs("e2e")).isFalse();
        assertThatThrownBy(() -> Settings.parse("--only=idle,flood"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 'flood'");
    }

    @Test
    void quickSizesTheStormsDown() {
        Settings quick = Settings.parse("--quick");
        Settings full = Settings.parse();

        assertThat(quick.stormAlerts()).isLessThan(full.stormAlerts()).isPositive();
        assertThat(quick.flappingTriggers()).isLessThan(full.flappingTriggers()).isPositive();
        assertThat(full.stormAlerts()).isEqualTo(5000);
        assertThat(full.flappingTriggers()).isEqualTo(20000);
        assertThat(full.probes()).isEqualTo(20);
        assertThat(full.idleSamples()).isEqualTo(20);
    }
}
