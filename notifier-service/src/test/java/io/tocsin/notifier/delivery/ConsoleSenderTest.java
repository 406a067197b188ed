package io.tocsin.notifier.delivery;

import static io.tocsin.notifier.TestPages.toSlackChannel;
import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import java.time.Instant;
import java.util.UUID;
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

    @Test
    void anInvitationWithoutEmailIsPrintedWithoutItsSignInLinkAndACodeWithItsCode(CapturedOutput output) {
        console.send(NotificationRequested.personal(UUID.randomUUID(), NotificationRequested.Purpose.INVITATION,
                UUID.randomUUID(), "Ivy", null, Channel.EMAIL, "ivy@example.test", Instant.now(), null,
                "https://tocsin.example.test/ui/sign-in/link?token=s3cret"));
        console.send(NotificationRequested.personal(UUID.randomUUID(), NotificationRequested.Purpose.VERIFICATION,
                UUID.randomUUID(), "Ivy", UUID.randomUUID(), Channel.SMS, "+12015550199", Instant.now(), "123456",
                null));

        assertThat(output.getOut()).contains("an invitation to sign in to Tocsin (its link is not printed)")
                .doesNotContain("s3cret").contains("Your Tocsin verification code is 123456")
                .doesNotContain("+12015550199");
    }
}
