/**
 * Budgets and rate limits shared by a fleet: {@link dev.aims.redis.RedisQuotaStore}, a
 * {@link dev.aims.core.policy.QuotaStore} on Redis (Lettuce) whose every check-and-charge is one atomic Lua script,
 * and {@link dev.aims.redis.RedisQuotaStoreProvider}, which lets a policy file name it:
 * <pre>{@code
 * "store": {"type": "redis", "uri": "redis://10.0.0.7:6379", "onUnavailable": "deny", "timeoutMillis": 50}
 * }</pre>
 * What a fleet costs Redis: one {@code EVALSHA} (one round trip, one key, a few hundred bytes) per budget or
 * rate-limit counter a call touches, plus one more when the call's actual usage differs from its estimate.
 */
package dev.aims.redis;
