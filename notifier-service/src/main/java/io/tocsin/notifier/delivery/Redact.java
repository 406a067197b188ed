package io.tocsin.notifier.delivery;

/** Hides most of an address in logs: phone numbers keep their last four digits. */
public final class Redact {

    private Redact() {
    }

    public static String address(String address) {
        if (address == null || address.length() <= 4) {
            return "****";
        }
        int keep = 4;
        String prefix = address.startsWith("+") ? "+" : "";
        return prefix + "*".repeat(address.length() - keep - prefix.length()) + address.substring(address.length() - keep);
    }
}
