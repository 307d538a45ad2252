package dev.aims.redis;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.Message;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.policy.PolicyFile;
import dev.aims.core.policy.PolicyLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance of a fleet, run in its own JVM by {@link RedisQuotaStoreFleetTest}: a governed client whose policy
 * file puts a token budget in Redis, called by several threads until each is denied. The provider answers with a
 * usage at or below the call's estimate (100 tokens), so reservations are corrected by refunds.
 *
 * <p>Arguments: Redis URI, budget limit, threads. Prints {@code READY}, waits for a line on stdin, runs, then
 * prints {@code DENIED <reason> <message>} for each denial and {@code SPENT <tokens> <calls>}.
 */
public final class FleetWorker {
    static final String BUDGET = "fleet-budget";
    static final int CALL_TOKENS = 100;

    private FleetWorker() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        long limit = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String policy = "{\"schema\": \"aims-policy/v1\", \"version\": \"1\", \"rules\": [{\"id\": \"" + BUDGET
                + "\", \"type\": \"token-budget\", \"per\": \"tenant\", \"window\": \"day\", \"limit\": " + limit
                + ", \"store\": {\"type\": \"redis\", \"uri\": \"" + uri + "\", \"timeoutMillis\": 5000}}]}";
        AtomicLong spent = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        ConcurrentLinkedQueue<String> denials = new ConcurrentLinkedQueue<>();
        try (PolicyLoader loader = PolicyLoader.builder().build()) {
            GovernedClient client = GovernedClient.builder()
                    .delegate(FleetWorker::answer)
                    .policies(loader.load(PolicyFile.parse(policy, "fleet.json")).policies())
                    .build();
            // "hello world!" is 3 input tokens; with maxTokens 97 a call is estimated at 100.
            AiRequest request = AiRequest.builder().model("m").message(Message.user("hello world!")).maxTokens(97)
                    .build();
            CallContext ctx = CallContext.builder().tenant("acme").build();
            out.println("READY");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    while (true) {
                        try {
                            AiResponse r = client.call(request, ctx);
                            spent.addAndGet(r.usage().totalTokens());
                            calls.incrementAndGet();
                        } catch (AiPolicyViolationException e) {
                            denials.add(e.decision().reasonCode() + " " + e.decision().message());
                            return;
                        }
                    }
                });
                th.start();
                running.add(th);
            }
            for (Thread th : running) {
                th.join();
            }
        }
        for (String d : denials) {
            out.println("DENIED " + d);
        }
        out.println("SPENT " + spent.get() + " " + calls.get());
    }

    private static AiResponse answer(AiRequest request) {
        int output = ThreadLocalRandom.current().nextInt(47, 98);
        return AiResponse.builder().message(Message.assistant("ok")).usage(Usage.of(3, output)).build();
    }
}
