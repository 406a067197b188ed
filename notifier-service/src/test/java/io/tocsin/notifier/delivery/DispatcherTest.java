package io.tocsin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    @Test
    void theStartupLineSaysWhichChannelsAreLiveAndWhichPrintOnTheConsole() {
        assertThat(Dispatcher.channelsLine(EnumSet.of(Channel.CONSOLE, Channel.SMS, Channel.SLACK, Channel.EMAIL)))
                .isEqualTo("channels live: CONSOLE, SMS, EMAIL, SLACK;"
                        + " not configured (printed on the console): VOICE, WEBHOOK, PUSH");
        assertThat(Dispatcher.channelsLine(EnumSet.allOf(Channel.class)))
                .isEqualTo("channels live: CONSOLE, SMS, VOICE, EMAIL, SLACK, WEBHOOK, PUSH");
    }
}
