package dev.aims.bench.fleet;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fleet spending one tenant's monthly budget (the example policy's 2,000,000 tokens) to the end: every thread
 * calls until the tenant's budget refuses it. What the calls that were allowed used, against the budget, is the
 * overshoot; the goal, with a shared store, is zero. With the in-process store each instance counts alone, so the
 * fleet spends the budget once per instance.
 */
final class FleetOvershoot {
    /** What one run found. */
    record Outcome(String store, int instances, int threads, long allowedCalls, long spent, long budget,
            long seconds, ConcurrentHashMap<String, LongAdder> denials) {
        long overshoot() {
            return spent - budget;
        }
    }

    private FleetOvershoot() {
    }

    /**
     * @param kind                what the instances count in (not {@code PING})
     * @param instances           how many instances
     * @param threadsPerInstance  how many threads call through each
     * @return what the fleet spent
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    static Outcome run(Fleet.Kind kind, int instances, int threadsPerInstance) throws InterruptedException {
        try (Fleet fleet = new Fleet(kind, instances)) {
            String tenant = "overshoot-" + kind.wire();
            LongAdder spent = new LongAdder();
            AtomicLong allowed = new AtomicLong();
            ConcurrentHashMap<String, LongAdder> denials = new ConcurrentHashMap<>();
            List<Throwable> failures = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < instances * threadsPerInstance; i++) {
                int instance = i % instances;
                threads.add(new Thread(() -> {
                    try {
                        while (true) {
                            try {
                                AiResponse r = fleet.call(instance, tenant);
                                spent.add(r.usage().totalTokens());
                                allowed.incrementAndGet();
                            } catch (AiPolicyViolationException e) {
                                denials.computeIfAbsent(e.decision().policyId() + "/" + e.decision().reasonCode(),
                                        k -> new LongAdder()).increment();
                                if (e.decision().policyId().equals("tenant-monthly-tokens")) {
                                    return;
                                }
                            }
                        }
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }));
            }
            long t0 = System.nanoTime();
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            long seconds = Math.max(1, (System.nanoTime() - t0) / 1_000_000_000L);
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " calls failed, the first: " + failures.get(0),
                        failures.get(0));
            }
            return new Outcome(kind.wire(), instances, instances * threadsPerInstance, allowed.get(), spent.sum(),
                    Fleet.TENANT_BUDGET, seconds, denials);
        }
    }
}
