package dev.aims.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The {@link QuotaStoreProvider}s on the class path, by type. */
final class Providers {
    private Providers() {
    }

    /** @return every provider {@link ServiceLoader} finds (thread context class loader first), by type */
    static Map<String, List<QuotaStoreProvider>> onClassPath() {
        Map<String, List<QuotaStoreProvider>> m = new HashMap<>();
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        for (QuotaStoreProvider p : ServiceLoader.load(QuotaStoreProvider.class,
                cl != null ? cl : Providers.class.getClassLoader())) {
            m.computeIfAbsent(p.type(), k -> new ArrayList<>()).add(p);
        }
        return Map.copyOf(m);
    }

    /** @return why no single provider serves the type, or null when {@code found} holds exactly one */
    static String problem(String type, List<QuotaStoreProvider> found) {
        if (found.isEmpty()) {
            return "no QuotaStoreProvider serves the quota store type " + Fields.quote(type) + ": add the module"
                    + " that does to the class path (aims-redis for redis)";
        }
        if (found.size() > 1) {
            List<String> names = new ArrayList<>();
            found.forEach(f -> names.add(f.getClass().getName()));
            return "the quota store type " + Fields.quote(type) + " is served by more than one QuotaStoreProvider"
                    + " on the class path (" + String.join(", ", names) + ")";
        }
        return null;
    }
}
