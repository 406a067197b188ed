package io.tocsin.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IncidentCommand.CommandType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsReplyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12a            | 12 | ACKNOWLEDGE",
            "12 a           | 12 | ACKNOWLEDGE",
            "12A            | 12 | ACKNOWLEDGE",
            "A12            | 12 | ACKNOWLEDGE",
            "a 12           | 12 | ACKNOWLEDGE",
            "ack 12         | 12 | ACKNOWLEDGE",
            "ACK12          | 12 | ACKNOWLEDGE",
            "'  12   ack  ' | 12 | ACKNOWLEDGE",
            "#12a           | 12 | ACKNOWLEDGE",
            "ack #12        | 12 | ACKNOWLEDGE",
            "12 acknowledge | 12 | ACKNOWLEDGE",
            "12a.           | 12 | ACKNOWLEDGE",
            "12a!           | 12 | ACKNOWLEDGE",
            "12c            | 12 | RESOLVE",
            "12 close       | 12 | RESOLVE",
            "Close 12       | 12 | RESOLVE",
            "12r            | 12 | RESOLVE",
            "resolve 12     | 12 | RESOLVE",
            "7e             | 7  | ESCALATE",
            "esc 7          | 7  | ESCALATE",
            "E7             | 7  | ESCALATE",
            "1234567a       | 1234567 | ACKNOWLEDGE",
    })
    void aCodeNamesAnIncidentAndWhatToDo(String body, long number, CommandType action) {
        assertThat(SmsReply.parse(body)).isEqualTo(new SmsReply.OnIncident(number, action));
    }

    @ParameterizedTest
    @CsvSource({"a, ACKNOWLEDGE", "A, ACKNOWLEDGE", "ack, ACKNOWLEDGE", "' Ack ', ACKNOWLEDGE", "c, RESOLVE",
            "close, RESOLVE", "e, ESCALATE", "escalate, ESCALATE"})
    void aBareActionIsForTheOnlyOpenIncident(String body, CommandType action) {
        assertThat(SmsReply.parse(body)).isEqualTo(new SmsReply.OnOnlyOpen(action));
    }

    @ParameterizedTest
    @CsvSource({"aa, ACKNOWLEDGE", "AA, ACKNOWLEDGE", "cc, RESOLVE", "rr, RESOLVE"})
    void aDoubledActionIsForAllOpenIncidents(String body, CommandType action) {
        assertThat(SmsReply.parse(body)).isEqualTo(new SmsReply.OnAllOpen(action));
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "Stop ", "UNSUBSCRIBE", "cancel", "end", "quit", "stopall", "STOP ALL"})
    void carriersOptOutWords(String body) {
        assertThat(SmsReply.parse(body)).isInstanceOf(SmsReply.OptOut.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", "yes", "UNSTOP"})
    void carriersOptInWords(String body) {
        assertThat(SmsReply.parse(body)).isInstanceOf(SmsReply.OptIn.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "HELP", "?", "info"})
    void askingForHelp(String body) {
        assertThat(SmsReply.parse(body)).isInstanceOf(SmsReply.Help.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "12", "hello", "12x", "x12", "12 a b", "a12b", "aaa", "12 34a", "ok thanks",
            "12345678901234a", "-12a", "stopp"})
    void anythingElseIsNotUnderstood(String body) {
        assertThat(SmsReply.parse(body)).isInstanceOf(SmsReply.Unknown.class);
    }
}
