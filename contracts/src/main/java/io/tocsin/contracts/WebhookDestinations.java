package io.tocsin.contracts;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps webhooks from reaching into the network Tocsin runs in (SSRF): a host that resolves to a loopback,
 * link-local (cloud metadata at 169.254.169.254), private (10/8, 172.16/12, 192.168/16, fc00::/7), shared (carrier-grade
 * NAT, 100.64/10), benchmarking (198.18/15), reserved, unspecified or multicast address is refused, also when an IPv6
 * address carries such an IPv4 address inside (NAT64, 6to4, IPv4-compatible or -mapped), unless the allow-list names
 * the host or that address (TOCSIN_WEBHOOK_ALLOWED_HOSTS). An IPv4 address written any other way than four decimal
 * numbers is refused outright. The notifier checks every page's host; routing refuses, when an admin types it, an
 * address that would always be refused.
 */
public final class WebhookDestinations {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*");
    /** A host of one to four numbers (decimal, octal 0…, hexadecimal 0x…): an IPv4 address to some resolver. */
    private static final Pattern NUMERIC_HOST =
            Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private final Set<String> allowedHosts;
    /** Addresses compare as addresses: "::1" and "0:0:0:0:0:0:0:1" are one. */
    private final Set<InetAddress> allowedAddresses;

    public WebhookDestinations(Collection<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(WebhookDestinations::normalized).filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.allowedAddresses = this.allowedHosts.stream().filter(host -> IP_LITERAL.matcher(host).matches())
                .map(WebhookDestinations::literal).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Why the host may not be called, if it may not; every address it resolves to is checked. Resolving here also
     * fills the JVM's DNS cache, from which the HTTP client takes the address it connects to.
     */
    public Optional<String> refusal(String host) throws UnknownHostException {
        Optional<String> asWritten = refusalAsWritten(host);
        if (asWritten.isPresent() || allowedHosts.contains(normalized(host))) {
            return asWritten;
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            Optional<String> refusal = refusal(host, address);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /**
     * Why the host will always be refused, if it will, without asking DNS: an IPv4 address not written as four
     * decimal numbers, an internal IP address, or localhost (RFC 6761). Other names are checked when called.
     */
    public Optional<String> refusalAsWritten(String host) {
        String normalized = normalized(host);
        if (allowedHosts.contains(normalized)) {
            return Optional.empty();
        }
        // 0177.0.0.1 is 177.0.0.1 to Java and 127.0.0.1 to curl and glibc; 0x7f.1 is a name to one, an address to
        // the other: no such form is taken, whatever it resolves to here
        if (NUMERIC_HOST.matcher(normalized).matches() && !DOTTED_QUAD.matcher(normalized).matches()) {
            return Optional.of("refused to call " + host + ": an IPv4 address written as an integer, or with octal,"
                    + " hexadecimal or fewer than four parts, means different addresses to different resolvers;"
                    + " write it as four decimal numbers, e.g. 203.0.113.7");
        }
        if (normalized.equals("localhost") || normalized.endsWith(".localhost")) {
            return refusal(host, InetAddress.getLoopbackAddress());
        }
        if (!IP_LITERAL.matcher(normalized).matches()) {
            return Optional.empty();
        }
        try {
            return refusal(host, InetAddress.getByName(normalized));
        } catch (UnknownHostException | IllegalArgumentException e) {
            // not an address after all: such a URL has no host a client could call, and is refused for its form
            return Optional.empty();
        }
    }

    private Optional<String> refusal(String host, InetAddress address) {
        String kind = internalKind(address);
        if (kind == null || allowedAddresses.contains(address)) {
            return Optional.empty();
        }
        return Optional.of("refused to call " + host + ": it resolves to " + address.getHostAddress() + ", a " + kind
                + " address. Tocsin calls addresses inside its own network only when TOCSIN_WEBHOOK_ALLOWED_HOSTS"
                + " (tocsin.notifier.webhook.allowed-hosts) names the host or address");
    }

    /** What makes the address internal, or null for an address on the public internet. */
    static String internalKind(InetAddress address) {
        if (address instanceof Inet6Address) {
            String embedded = embeddedIpv4Kind(address.getAddress());
            if (embedded != null) {
                return embedded;
            }
        }
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
        return address instanceof Inet4Address ? ipv4Kind(address.getAddress()) : null;
    }

    /** IPv4 ranges Java has no predicate for. */
    private static String ipv4Kind(byte[] ip) {
        int first = ip[0] & 0xff;
        int second = ip[1] & 0xff;
        if (first == 0) {
            return "unspecified (0.0.0.0/8)";
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return "shared (carrier-grade NAT, 100.64.0.0/10)";
        }
        if (first == 198 && (second & 0xfe) == 18) {
            return "benchmarking (198.18.0.0/15)";
        }
        if (first >= 240) {
            return "reserved (240.0.0.0/4, broadcast)";
        }
        return null;
    }

    /**
     * The kind of the IPv4 address an IPv6 address carries, when it is internal: NAT64 (64:ff9b::/96, a gateway
     * forwards to the IPv4 address in the last 32 bits), 6to4 (2002::/16, bits 16-47), IPv4-compatible (::/96) and
     * IPv4-mapped (::ffff:0:0/96). The local-use NAT64 prefix 64:ff9b:1::/48 leads into the operator's own network.
     */
    private static String embeddedIpv4Kind(byte[] ip) {
        byte[] v4;
        String carrier;
        if (Arrays.equals(ip, 0, 12, NAT64_PREFIX, 0, 12)) {
            v4 = Arrays.copyOfRange(ip, 12, 16);
            carrier = "NAT64";
        } else if (Arrays.equals(ip, 0, 4, NAT64_PREFIX, 0, 4) && ip[4] == 0 && ip[5] == 1) {
            return "private (local-use NAT64, 64:ff9b:1::/48)";
        } else if (ip[0] == 0x20 && ip[1] == 0x02) {
            v4 = Arrays.copyOfRange(ip, 2, 6);
            carrier = "6to4";
        } else if (Arrays.equals(ip, 0, 10, new byte[10], 0, 10) && (ip[10] & ip[11] & 0xff) == 0xff
                || Arrays.equals(ip, 0, 12, new byte[12], 0, 12) && (ip[12] | ip[13]) != 0) {
            v4 = Arrays.copyOfRange(ip, 12, 16);
            carrier = "IPv4-in-IPv6";
        } else {
            return null;
        }
        try {
            String kind = internalKind(InetAddress.getByAddress(v4));
            return kind == null ? null : kind + " (" + carrier + " of " + InetAddress.getByAddress(v4).getHostAddress()
                    + ")";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static InetAddress literal(String address) {
        try {
            // a literal is parsed, never looked up
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("TOCSIN_WEBHOOK_ALLOWED_HOSTS: " + address + " is not an IP address",
                    e);
        }
    }

    /** Hosts compare without case, IPv6 literals with or without their brackets. */
    private static String normalized(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
