package dev.aims.redis;

import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreProvider;
import dev.aims.core.policy.QuotaStoreSpec;

/**
 * Creates {@link RedisQuotaStore}s for policy files that say {@code "store": {"type": "redis", "uri": …}}. Listed in
 * {@code META-INF/services}, so that {@link dev.aims.core.policy.PolicyLoader} finds it when aims-redis is on the
 * class path. The password, if the server needs one, comes from the environment variable the settings name in
 * {@code passwordEnv}.
 */
public final class RedisQuotaStoreProvider implements QuotaStoreProvider {
    /** The store type this provider serves. */
    public static final String TYPE = "redis";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public RedisQuotaStoreProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @throws IllegalArgumentException if the settings are of another type, the URI is not a Redis URI, or
     *                                  {@code passwordEnv} names a variable that is not set
     */
    @Override
    public QuotaStore create(QuotaStoreSpec spec) {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("type must be " + TYPE + ", but was " + spec.type());
        }
        RedisQuotaStore.Builder b = RedisQuotaStore.builder().uri(spec.uri()).timeout(spec.timeout())
                .onUnavailable(spec.onUnavailable());
        if (spec.passwordEnv().isPresent()) {
            String name = spec.passwordEnv().get();
            String password = System.getenv(name);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("passwordEnv names the environment variable " + name
                        + ", which is not set");
            }
            b.password(password);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "RedisQuotaStoreProvider{type=" + TYPE + "}";
    }
}
