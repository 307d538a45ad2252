/**
 * Declarative policy files: one reviewable, versioned document of rules, in JSON or YAML (by the file's name, one
 * model, one hash), loaded into ordinary {@link dev.aims.api.Policy} objects. The format's JSON Schema ships in this
 * jar ({@link dev.aims.core.policy.PolicyFile#SCHEMA_RESOURCE}) and as {@code examples/aims-policy.schema.json}; a
 * document may name it in {@code "$schema"} for editors.
 *
 * <ul>
 *   <li>{@link dev.aims.core.policy.PolicyFile} validates a document (every problem at once, each with its path,
 *       line and column, never quoting a value's text) and computes the hash the loaded set will carry;</li>
 *   <li>{@link dev.aims.core.policy.PolicyLoader} turns it into policies wired to a
 *       {@link dev.aims.core.policy.QuotaStore}, an AI-system inventory and a redactor;</li>
 *   <li>{@link dev.aims.core.policy.ReloadingPolicySource} serves a file's set to
 *       {@code GovernedClient.builder().policySource(…)} and reloads it atomically when it changes.</li>
 * </ul>
 *
 * <h2>Rule types and their parameters</h2>
 * <table>
 *   <caption>Rule types</caption>
 *   <tr><th>type</th><th>stage</th><th>parameters</th></tr>
 *   <tr><td>{@code model-allow-list}</td><td>PRE</td><td>{@code models}: names or globs</td></tr>
 *   <tr><td>{@code token-budget}</td><td>PRE, after the call</td><td>{@code per} (principal, tenant, system),
 *       {@code limit} (tokens, {@code >= 0}), {@code window} ({@code day}, {@code month} or an ISO-8601 duration
 *       for a rolling window), {@code zone} (calendar windows, default UTC), {@code slices} (rolling windows,
 *       default 24), {@code outputEstimate} (output tokens assumed when a request sets no {@code maxTokens},
 *       default 256), {@code store} (see below)</td></tr>
 *   <tr><td>{@code rate-limit}</td><td>PRE, after the call</td><td>{@code per}, {@code window} (ISO-8601
 *       duration), {@code requests} and/or {@code tokens} per window (token buckets), {@code outputEstimate},
 *       {@code store}</td></tr>
 *   <tr><td>{@code sensitive-data}</td><td>PRE, PRE_SEND</td><td>{@code entities}: entity type to {@code allow},
 *       {@code deny}, {@code redact} or {@code {"action": "redact", "operator": "HASH"}}</td></tr>
 *   <tr><td>{@code purpose}</td><td>PRE</td><td>{@code intendedUses}: system id to purposes (optional with an
 *       inventory)</td></tr>
 *   <tr><td>{@code output}</td><td>POST</td><td>{@code action} ({@code redact} or {@code deny}), {@code operator}
 *       (MASK, HASH, DROP; default MASK), {@code entities} (default all), {@code foreignPlaceholders}
 *       ({@code deny}, {@code flag}, {@code ignore}; default flag), {@code scan} (default true)</td></tr>
 *   <tr><td>{@code prompt-injection}</td><td>PRE</td><td>{@code action} ({@code deny} or {@code record}),
 *       {@code threshold} (risk in (0, 1], default 0.5), {@code roles} (default user, tool)</td></tr>
 * </table>
 *
 * <h2>Where budgets and rate limits count</h2>
 * {@code token-budget} and {@code rate-limit} rules take an optional {@code store}, and a document may set one for
 * all of them at its top level (a rule's own wins): the name of a store given to
 * {@link dev.aims.core.policy.PolicyLoader.Builder#quotaStore(String, dev.aims.core.policy.QuotaStore)}
 * ({@code "default"} is the loader's default store), or the settings of a shared store,
 * {@code {"type": "redis", "uri": "redis://10.0.0.7:6379", "onUnavailable": "deny", "timeoutMillis": 50,
 * "passwordEnv": "AIMS_REDIS_PASSWORD"}}, which a {@link dev.aims.core.policy.QuotaStoreProvider} (aims-redis)
 * creates. {@code onUnavailable} says what happens while the store does not answer within {@code timeoutMillis}
 * (default 50): {@code deny} (the default) refuses the call with reason {@code quota_store_unavailable};
 * {@code fallback} counts in the instance's in-process store and records {@code within_budget_degraded} /
 * {@code within_rate_degraded} with the obligation {@code quota.degraded}. The URI may not carry credentials.
 * The store is part of each rule's fingerprint, so switching stores changes the policy-set hash.
 *
 * <h2>Scope and precedence</h2>
 * A rule's optional {@code scope} names {@code systems}, {@code tenants}, {@code purposes}, {@code principals}
 * and {@code models} (names or globs with {@code *} and {@code ?}). Rules of one kind compete — one type, and for
 * budgets and rate limits one {@code per} and {@code window}, so that a daily and a monthly budget both apply: of
 * the rules in scope, the most specific decides (a named dimension counts 2, or 1 when it uses a glob; ties go to
 * the rule earlier in the file); the others record {@code superseded}. Sensitive-data rules compete per entity type.
 * Shadow rules take no part in precedence: they are evaluated whenever in scope, beside the rules in force.
 *
 * <h2>Shadow mode</h2>
 * {@code "mode": "shadow"} evaluates and records a rule without letting it act: a would-be denial is recorded as a
 * shadow ALLOW ("would deny") and the call proceeds. Budgets in shadow mode still count actual usage.
 */
package dev.aims.core.policy;
