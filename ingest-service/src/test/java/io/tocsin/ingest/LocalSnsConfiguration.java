package io.tocsin.ingest;

import io.tocsin.ingest.cloudwatch.LocalSns;
import io.tocsin.ingest.cloudwatch.SnsHttp;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Ingest's SNS certificate fetches and subscription confirmations go to a local stand-in for Amazon SNS. */
@TestConfiguration(proxyBeanMethods = false)
class LocalSnsConfiguration {

    @Bean(destroyMethod = "close")
    LocalSns localSns() {
        return new LocalSns();
    }

    @Bean
    @Primary
    SnsHttp localSnsHttp(LocalSns sns) {
        return sns.http();
    }
}
