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
}
