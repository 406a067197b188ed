package io.tocsin.routing.user;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tocsin.phone}: {@code defaultRegion} is where a number typed without "+country code" is from. */
@ConfigurationProperties("tocsin.phone")
record PhoneProperties(String defaultRegion) {

    PhoneProperties {
        defaultRegion = defaultRegion == null ? "US" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("TOCSIN_PHONE_DEFAULT_REGION (tocsin.phone.default-region) is '"
                    + defaultRegion + "': set it to a two-letter ISO 3166 region code such as US, GB or DE");
        }
    }
}
