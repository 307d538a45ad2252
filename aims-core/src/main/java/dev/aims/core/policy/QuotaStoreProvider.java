package dev.aims.core.policy;

/**
 * Creates the {@link QuotaStore}s a policy file names by type, e.g. {@code "store": {"type": "redis", "uri": …}},
 * so that the core needs no client library: an adapter module (aims-redis) implements this interface and lists
 * its class in {@code META-INF/services/dev.aims.core.policy.QuotaStoreProvider}. {@link PolicyLoader} finds
 * providers with {@link java.util.ServiceLoader} when a file names a type, or takes them from
 * {@link PolicyLoader.Builder#quotaStoreProvider(QuotaStoreProvider)}.
 *
 * <p>Implementations must be thread-safe, and {@link #create} must neither wait for the backend nor fail because
 * it is down (connecting in the background is fine): a policy file must load while the backend is down, and its
 * rules then deny or fall back as configured.
 */
public interface QuotaStoreProvider {
    /** @return the store type this provider creates, as a policy file names it, e.g. {@code redis} */
    String type();

    /**
     * Creates a store. {@link PolicyLoader} creates one per distinct spec and closes it when the loader closes, if
     * it is {@link AutoCloseable}.
     *
     * @param spec the store's settings, of this provider's {@link #type()}
     * @return the store
     * @throws IllegalArgumentException naming the setting and value (never a password) when the provider cannot
     *                                  use the settings, e.g. a URI scheme it does not serve
     */
    QuotaStore create(QuotaStoreSpec spec);

    /**
     * Creates a store from settings with the one provider of their type on the class path (found with
     * {@link java.util.ServiceLoader}), for configuration that names a store outside a policy file (Spring Boot's
     * {@code aims.quota-store.*}). The caller owns the store: close it if it is {@link AutoCloseable}.
     *
     * @param spec the settings
     * @return the store
     * @throws NullPointerException     if the settings are null
     * @throws IllegalArgumentException if no provider, or more than one, serves the type, or the provider refuses
     *                                  the settings
     */
    static QuotaStore createStore(QuotaStoreSpec spec) {
        java.util.Objects.requireNonNull(spec, "spec");
        java.util.List<QuotaStoreProvider> found = Providers.onClassPath().getOrDefault(spec.type(),
                java.util.List.of());
        String problem = Providers.problem(spec.type(), found);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return java.util.Objects.requireNonNull(found.get(0).create(spec),
                () -> found.get(0).getClass().getName() + ".create returned null");
    }
}
