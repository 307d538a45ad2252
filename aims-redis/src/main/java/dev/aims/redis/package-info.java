/**
 * Budgets and rate limits shared by a fleet: {@link dev.aims.redis.RedisQuotaStore}, a
 * {@link dev.aims.core.policy.QuotaStore} on Redis or a Redis Cluster (Lettuce) that checks and charges every
 * counter of a call in one atomic Lua script, and {@link dev.aims.redis.RedisQuotaStoreProvider}, which lets a policy
 * file name it:
 * <pre>{@code
 * "store": {"type": "redis", "uri": "redis://10.0.0.7:6379", "onUnavailable": "deny", "timeoutMillis": 50}
 * }</pre>
 * What a fleet costs Redis: one {@code EVALSHA} (one round trip, a few hundred bytes) per governed call, whatever
 * the number of budget and rate-limit counters it touches, plus one more when the call's actual usage differs from
 * its estimate. On a cluster, one script per slot the call touches, sent at once.
 */
package dev.aims.redis;
