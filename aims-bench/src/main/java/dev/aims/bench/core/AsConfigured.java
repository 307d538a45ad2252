package dev.aims.bench.core;

import dev.aims.api.CallContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the governed-call benchmarks share: the example policy, as users configure AIMS ({@code examples/}, copied
 * into the jar at build time), and contexts that spread calls over many principals and tenants, so that the example
 * policy's budgets and rate limits keep allowing calls however long a benchmark runs.
 */
final class AsConfigured {
    private AsConfigured() {
    }

    /** @return the example policy, written to a temporary file (the client reads a path) */
    static Path examplePolicy() {
        try (InputStream in = AsConfigured.class.getResourceAsStream("aims-policy.json")) {
            if (in == null) {
                throw new IllegalStateException("aims-policy.json is not in the benchmark jar: build aims-bench"
                        + " with Maven, which copies examples/aims-policy.json into it");
            }
            Path file = Files.createTempFile("aims-policy", ".json");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the example policy", e);
        }
    }

    /**
     * @param n how many contexts
     * @return contexts of the example policy's support bot, each with its own principal and tenant
     */
    static CallContext[] contexts(int n) {
        CallContext[] contexts = new CallContext[n];
        for (int i = 0; i < n; i++) {
            contexts[i] = CallContext.builder().principal("user-" + i + "@corp.example").tenant("team-" + i)
                    .systemId("support-bot").purpose("customer-support").sessionId("s-" + i).build();
        }
        return contexts;
    }
}
