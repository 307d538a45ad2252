package dev.aims.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.testkit.LocalRedis;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet in earnest: four JVMs ({@link FleetWorker}) of eight threads each, charging one token budget in one
 * Redis. Each call is estimated at 100 tokens and uses 50 to 100; every thread calls until it is denied.
 */
class RedisQuotaStoreFleetTest {
    static final int PROCESSES = 4;
    static final int THREADS = 8;
    static final long LIMIT = 20_000;

    @TempDir
    Path tmp;

    record Worker(Process process, BufferedReader out, Path err) {
    }

    @Test
    void fourProcessesOfEightThreadsNeverSpendMoreThanTheBudget() throws Exception {
        try (LocalRedis server = LocalRedis.start()) {
            List<Worker> workers = new ArrayList<>();
            try {
                for (int i = 0; i < PROCESSES; i++) {
                    workers.add(fork(server.uri(), i));
                }
                for (Worker w : workers) {
                    assertThat(w.out().readLine()).as(() -> stderr(w)).isEqualTo("READY");
                }
                for (Worker w : workers) {
                    OutputStream in = w.process().getOutputStream();
                    in.write("GO\n".getBytes(StandardCharsets.UTF_8));
                    in.flush();
                }
                long spent = 0;
                long calls = 0;
                List<String> denials = new ArrayList<>();
                for (Worker w : workers) {
                    for (String line = w.out().readLine(); line != null; line = w.out().readLine()) {
                        if (line.startsWith("DENIED ")) {
                            denials.add(line.substring(7));
                        } else if (line.startsWith("SPENT ")) {
                            String[] f = line.split(" ");
                            spent += Long.parseLong(f[1]);
                            calls += Long.parseLong(f[2]);
                        }
                    }
                    assertThat(w.process().waitFor(60, TimeUnit.SECONDS)).as("worker ended").isTrue();
                    assertThat(w.process().exitValue()).as(() -> stderr(w)).isZero();
                }
                // The budget holds across the fleet: never more than the limit (a call's worth per process is the
                // allowance; with atomic check-and-charge none is used), and it is used up to within one call.
                assertThat(spent).isLessThanOrEqualTo(LIMIT + PROCESSES * (long) FleetWorker.CALL_TOKENS)
                        .isLessThanOrEqualTo(LIMIT).isGreaterThan(LIMIT - FleetWorker.CALL_TOKENS);
                assertThat(calls).isGreaterThanOrEqualTo(LIMIT / FleetWorker.CALL_TOKENS);
                // Redis holds exactly what the fleet spent: every reservation was corrected to the actual usage.
                @SuppressWarnings("unchecked")
                List<String> keys = (List<String>) server.call("KEYS", "aims:*");
                assertThat(keys).hasSize(1);
                assertThat(Long.parseLong((String) server.call("GET", keys.get(0)))).isEqualTo(spent);
                assertThat(denials).hasSize(PROCESSES * THREADS).allSatisfy(d -> assertThat(d)
                        .startsWith("token_budget_exceeded token budget '" + FleetWorker.BUDGET + "' (" + LIMIT
                                + " tokens per calendar day (UTC), per tenant) would be exceeded: "));
            } finally {
                for (Worker w : workers) {
                    w.process().destroyForcibly();
                }
            }
        }
    }

    private Worker fork(String uri, int i) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path err = tmp.resolve("worker-" + i + ".err");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                FleetWorker.class.getName(), uri, Long.toString(LIMIT), Integer.toString(THREADS))
                .redirectError(err.toFile())
                .start();
        return new Worker(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                err);
    }

    private static String stderr(Worker w) {
        try {
            return "worker stderr:" + File.separator + Files.readString(w.err());
        } catch (IOException e) {
            return "worker stderr unreadable: " + e;
        }
    }
}
