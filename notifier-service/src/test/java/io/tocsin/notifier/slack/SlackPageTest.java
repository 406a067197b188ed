package io.tocsin.notifier.slack;

import static io.tocsin.notifier.TestPages.toSlackChannel;
import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SlackPageTest {

    @Test
    void aChannelPageLinksTheChannelAsWhatIsPaged() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "Disk full on db-1");

        assertThat(texts(SlackPage.blocks(page))).containsExactly(
                ":red_circle: *Disk full on db-1*",
                "*Severity*\nCritical",
                "*Service*\nSearch",
                "*Incident*\n" + page.incidentId().toString().substring(0, 8),
                "*Paged*\n<#C0OPS00001>");
    }

    @Test
    void aDirectMessageNamesThePersonPaged() {
        NotificationRequested page = toUser(Channel.SLACK, "U0HEDY0001", "Disk full on db-1");

        assertThat(texts(SlackPage.blocks(page))).contains("*Paged*\nHedy");
    }

    @Test
    void aSummaryCannotMentionEveryoneOrFormLinks() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "<!channel> db <1 & >2");

        assertThat(SlackPage.text(page)).contains("&lt;!channel&gt; db &lt;1 &amp; &gt;2").doesNotContain("<!channel>");
        assertThat(texts(SlackPage.blocks(page)).getFirst()).isEqualTo(":red_circle: *&lt;!channel&gt; db &lt;1 &amp; &gt;2*");
    }

    @Test
    void aLongSummaryIsCutToFitASection() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "x".repeat(5_000));

        assertThat(texts(SlackPage.blocks(page)).getFirst()).hasSizeLessThan(3_000).endsWith("…*");
    }

    private static List<String> texts(List<LayoutBlock> blocks) {
        return blocks.stream().map(SectionBlock.class::cast)
                .flatMap(section -> Stream.concat(Stream.of(section.getText()), section.getFields().stream()))
                .map(TextObject::getText)
                .toList();
    }
}
