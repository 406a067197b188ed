package io.tocsin.notifier.sms;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.ContactStatusChanged;
import io.tocsin.notifier.delivery.SendOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Repository;

/**
 * The numbers that answered STOP. The carriers and Twilio refuse SMS to them until they answer START; the notifier
 * does not try, and routing is told so the contact method shows it.
 */
@Repository
class SmsOptOuts {

    static final String BINDING = "contact-status-out";

    private final JdbcClient jdbc;
    private final StreamBridge streamBridge;
    private final Clock clock;

    SmsOptOuts(JdbcClient jdbc, StreamBridge streamBridge, Clock clock) {
        this.jdbc = jdbc;
        this.streamBridge = streamBridge;
        this.clock = clock;
    }

    boolean optedOut(String address) {
        return jdbc.sql("select count(*) from sms_opt_out where address = :address")
                .param("address", address).query(Integer.class).single() > 0;
    }

    /** The page's refusal when its number answered STOP ({@code from}: the number to text START to), else empty. */
    Optional<SendOutcome.Failed> refusal(String address, String from) {
        return optedOut(address) ? Optional.of(new SendOutcome.Failed(false, "not sent: the number answered STOP to"
                + " Tocsin's SMS; it gets SMS again once its owner texts START to " + from)) : Optional.empty();
    }

    /** Records the answer ({@code messageSid}) and tells routing; the same answer again changes nothing. */
    void optOut(String address, String messageSid) {
        jdbc.sql("insert into sms_opt_out (address, opted_out_at) values (:address, :now) on conflict do nothing")
                .param("address", address)
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        announce(address, true, "replied STOP", messageSid);
    }

    void optIn(String address, String messageSid) {
        jdbc.sql("delete from sms_opt_out where address = :address").param("address", address).update();
        announce(address, false, "replied START", messageSid);
    }

    private void announce(String address, boolean optedOut, String reason, String messageSid) {
        ContactStatusChanged change = new ContactStatusChanged(
                UUID.nameUUIDFromBytes(("sms/" + messageSid).getBytes(StandardCharsets.UTF_8)),
                ContactStatusChanged.SCHEMA_VERSION, Channel.SMS, address, optedOut, reason, clock.instant());
        if (!streamBridge.send(BINDING, MessageBuilder.withPayload(change)
                .setHeader(KafkaHeaders.KEY, address.getBytes(StandardCharsets.UTF_8))
                .build())) {
            throw new IllegalStateException("Kafka did not take the opt-out of an SMS number");
        }
    }
}
