package dev.aims.evidence.discover;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * AI calls found in traces that no AIMS span governed, grouped by the service that made them and where they went.
 *
 * @param service   the {@code service.name} of the calling service's resource ({@code unknown_service} when absent)
 * @param provider  the provider the known-endpoint rule names, e.g. {@code openai} or {@code self-hosted}
 * @param host      the destination host, with its port when known and not 80 or 443
 * @param path      the operation: the URL path without query string (ids that look generated shown as
 *                  {@code {id}}), or {@code /package.Service/Method} for gRPC
 * @param calls     the number of calls
 * @param firstSeen the start of the first call, null when no span gave one
 * @param lastSeen  the start of the last call, null when no span gave one
 * @param traceIds  up to {@value TraceDiscovery#SAMPLE_TRACES} trace ids of these calls, in hex, the first found
 */
public record UngovernedUse(String service, String provider, String host, String path, long calls,
        Instant firstSeen, Instant lastSeen, List<String> traceIds) {
    /**
     * @param service   the calling service
     * @param provider  the provider
     * @param host      the destination host
     * @param path      the operation
     * @param calls     the number of calls
     * @param firstSeen the start of the first call, or null
     * @param lastSeen  the start of the last call, or null
     * @param traceIds  sample trace ids
     * @throws NullPointerException if a field other than the times is null
     */
    public UngovernedUse {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        traceIds = List.copyOf(traceIds);
    }
}
