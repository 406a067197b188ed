package io.tocsin.notifier.carrier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order in which a channel's providers are tried for one number: the route of its longest matching prefix
 * ({@code +91:vonage,twilio}), else the channel's default order. Built once at start; names that are not configured
 * providers stop the start with a message saying which are.
 */
final class CarrierRoutes {

    private final List<String> defaultOrder;
    private final Map<String, List<String>> routes = new TreeMap<>(Comparator.comparing(String::length).reversed()
            .thenComparing(Comparator.naturalOrder()));

    /**
     * {@code order}: the channel's default order (empty: every configured provider, by name); {@code routes}: the
     * routes variable's value ({@code +91:vonage,twilio;+44:twilio}, or blank); {@code variable}: its name, for errors.
     */
    CarrierRoutes(Collection<String> configured, List<String> order, String routes, String orderVariable,
            String routesVariable) {
        this.defaultOrder = order.isEmpty() ? configured.stream().sorted().toList()
                : checked(order, configured, orderVariable);
        if (routes == null || routes.isBlank()) {
            return;
        }
        for (String route : routes.split("[;\\s]+")) {
            if (route.isBlank()) {
                continue;
            }
            String[] parts = route.split(":", 2);
            if (parts.length != 2 || !parts[0].strip().matches("\\+\\d{1,6}")) {
                throw new IllegalArgumentException(routesVariable + " has \"" + route + "\": write each route as a"
                        + " number prefix, a colon and the providers in order, e.g. +91:vonage,twilio; separate routes"
                        + " with ';'");
            }
            List<String> names = List.of(parts[1].split(",")).stream().map(String::strip)
                    .filter(name -> !name.isEmpty()).toList();
            this.routes.put(parts[0].strip(), checked(names, configured, routesVariable));
        }
    }

    /** The providers to try for this number, first choice first. */
    List<String> order(String address) {
        return routes.entrySet().stream().filter(route -> address.startsWith(route.getKey())).findFirst()
                .map(Map.Entry::getValue).orElse(defaultOrder);
    }

    private static List<String> checked(List<String> names, Collection<String> configured, String variable) {
        List<String> unknown = new ArrayList<>(names);
        unknown.removeAll(configured);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(variable + " names " + String.join(", ", unknown) + ", not configured"
                    + " here: " + (configured.isEmpty() ? "no provider of this channel is"
                            : "the configured ones are " + String.join(", ", configured.stream().sorted().toList()))
                    + " (a provider is configured by its credentials, e.g. TOCSIN_VONAGE_API_KEY)");
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(variable + " names no provider: leave it unset for every configured"
                    + " one, or list them, e.g. twilio,vonage");
        }
        return List.copyOf(names);
    }
}
