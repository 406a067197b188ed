package io.tocsin.notifier.directory;

import static io.tocsin.messaging.UntilStored.untilStored;

import io.tocsin.contracts.ContactMethodUpdated;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Consumes the compacted tocsin.contact-methods.v1 into the local directory, from its beginning. */
@Configuration(proxyBeanMethods = false)
class ContactMethodConsumer {

    @Bean
    Consumer<ContactMethodUpdated> contactMethods(Contacts contacts) {
        return untilStored(contacts::update);
    }
}
