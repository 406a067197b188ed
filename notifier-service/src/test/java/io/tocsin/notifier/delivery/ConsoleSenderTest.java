package io.tocsin.notifier.delivery;

import static io.tocsin.notifier.TestPages.toSlackChannel;
import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ConsoleSenderTest {

    private final ConsoleSender console = new ConsoleSender();

    @Test
    void aConsolePageNamesThePerson(CapturedOutput output) {
        console.send(toUser(Channel.CONSOLE, "console", "Disk full"));

        assertThat(output.getOut()).containsPattern("\\[tocsin page\\] to Hedy: Tocsin #\\d+: \\[CRITICAL\\] Disk full \\(service Search\\)");
    }

    @Test
    void aSlackChannelPageWithoutATokenNamesTheChannel(CapturedOutput output) {
        SendOutcome outcome = console.send(toSlackChannel("C0OPS00001", "Disk full"));

        assertThat(output.getOut())
                .contains("[tocsin page] SLACK (channel not configured, not sent) to Slack channel C0OPS00001: Tocsin #")
                .doesNotContain("null");
        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    }

    @Test
    void aSlackDirectMessageWithoutATokenNamesThePersonAndMasksTheMemberId(CapturedOutput output) {
        console.send(toUser(Channel.SLACK, "U0HEDY0001", "Disk full"));

        assertThat(output.getOut()).contains("SLACK (channel not configured, not sent) to Hedy at ******0001: Tocsin #");
    }
}
