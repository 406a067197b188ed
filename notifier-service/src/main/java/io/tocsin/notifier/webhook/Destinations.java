package io.tocsin.notifier.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps webhooks from reaching into the network Tocsin runs in (SSRF): a host that resolves to a loopback,
 * link-local (cloud metadata at 169.254.169.254), private (10/8, 172.16/12, 192.168/16, fc00::/7), unspecified or
 * multicast address is refused, unless the allow-list names the host or that address.
 */
final class Destinations {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*");

    private final Set<String> allowedHosts;
    /** Addresses compare as addresses: "::1" and "0:0:0:0:0:0:0:1" are one. */
    private final Set<InetAddress> allowedAddresses;

    Destinations(Collection<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(Destinations::normalized).filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.allowedAddresses = this.allowedHosts.stream().filter(host -> IP_LITERAL.matcher(host).matches())
                .map(Destinations::literal).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Why the host may not be called, if it may not; every address it resolves to is checked. Resolving here also
     * fills the JVM's DNS cache, from which the HTTP client takes the address it connects to.
     */
    Optional<String> refusal(String host) throws UnknownHostException {
        if (allowedHosts.contains(normalized(host))) {
            return Optional.empty();
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            String kind = internalKind(address);
            if (kind != null && !allowedAddresses.contains(address)) {
                return Optional.of("refused to call " + host + ": it resolves to " + address.getHostAddress() + ", a "
                        + kind + " address. Tocsin calls addresses inside its own network only when"
                        + " tocsin.notifier.webhook.allowed-hosts (TOCSIN_WEBHOOK_ALLOWED_HOSTS) names the host or"
                        + " address");
            }
        }
        return Optional.empty();
    }

    /** What makes the address internal, or null for an address on the public internet. */
    static String internalKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress() || address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc) {
            return "private";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        return null;
    }

    private static InetAddress literal(String address) {
        try {
            // a literal is parsed, never looked up
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("tocsin.notifier.webhook.allowed-hosts: " + address
                    + " is not an IP address", e);
        }
    }

    /** Hosts compare without case, IPv6 literals with or without their brackets. */
    private static String normalized(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
