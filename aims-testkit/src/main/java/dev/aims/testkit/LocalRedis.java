package dev.aims.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for AIMS's tests and benchmarks, started on 127.0.0.1 on a free port, so that nothing
 * needs a server installed beforehand: the one on the {@code PATH} when there is one, otherwise the binary that
 * the test-scoped {@code com.github.codemonstur:embedded-redis} jar carries for this OS and CPU (extracted once per
 * JVM into a temporary file). It can be killed as in a crash and started again on the same port and directory, so
 * that a server configured to persist comes back with its data.
 *
 * <p>A plain RESP socket ({@link #command}) lets a test look at the server without the client under test.
 */
public final class LocalRedis implements AutoCloseable {
    private static final List<String> PLACES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server",
            "/usr/sbin/redis-server", "/opt/homebrew/bin/redis-server");
    /** The cluster bus listens on the port + 10000, which must stay a valid port. */
    private static final int CLUSTER_BUS_OFFSET = 10_000;
    private static String binary;

    private final Path dir;
    private final List<String> extra;
    private final boolean cluster;
    private int port;
    private Process process;

    private LocalRedis(List<String> extra) throws IOException {
        this.dir = Files.createTempDirectory("aims-redis-");
        this.extra = List.copyOf(extra);
        this.cluster = extra.contains("--cluster-enabled");
    }

    /**
     * Starts a server without persistence, with the given extra arguments (e.g. {@code --requirepass secret}, or
     * {@code --appendonly yes} to keep data across {@link #restart()}).
     *
     * @param extra arguments added to the command line
     * @return the running server
     * @throws IllegalStateException if no {@code redis-server} can be found or it does not start
     */
    public static LocalRedis start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--save", "", "--appendonly", "no"));
        args.addAll(List.of(extra));
        LocalRedis s;
        try {
            s = new LocalRedis(args);
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for redis-server", e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                s.port = freePort(s.cluster);
                s.launch();
                return s;
            } catch (IOException e) {
                last = e; // the port was taken between the probe and the start: take another
            }
        }
        throw new IllegalStateException("redis-server did not start: " + last.getMessage(), last);
    }

    /**
     * @return the {@code redis-server} to run: the first on the {@code PATH} or in the usual places, else the one
     *         inside the embedded-redis jar for this platform, extracted
     * @throws IllegalStateException if there is neither
     */
    public static synchronized String binary() {
        if (binary == null) {
            binary = find();
        }
        return binary;
    }

    private static String find() {
        List<String> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    candidates.add(d + File.separator + "redis-server");
                }
            }
        }
        candidates.addAll(PLACES);
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        String resource = embeddedName();
        try (InputStream in = LocalRedis.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server: none on the PATH or in " + PLACES + ", and no "
                        + resource + " on the class path (the com.github.codemonstur:embedded-redis test"
                        + " dependency carries it)");
            }
            Path exe = Files.createTempFile("aims-redis-server-", "");
            exe.toFile().deleteOnExit();
            Files.copy(in, exe, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (!exe.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("cannot make " + exe + " executable");
            }
            return exe.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource, e);
        }
    }

    /** @return the name of the embedded-redis resource for this OS and CPU */
    static String embeddedName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux")) {
            return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("mac")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        throw new IllegalStateException("no embedded redis-server for " + os + " " + arch + ": put one on the PATH");
    }

    private static int freePort(boolean cluster) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int p;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            }
            if (!cluster) {
                return p;
            }
            if (p + CLUSTER_BUS_OFFSET > 65_535) {
                continue;
            }
            try (ServerSocket bus = new ServerSocket(p + CLUSTER_BUS_OFFSET, 1, InetAddress.getLoopbackAddress())) {
                return p;
            } catch (IOException taken) {
                // the bus port is taken: probe another
            }
        }
        throw new IOException("no free port (with a free cluster bus port) after 100 probes");
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--dir", dir.toString()));
        cmd.addAll(extra);
        Path log = dir.resolve("redis-" + port + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                String pong = String.valueOf(command("PING"));
                if (pong.equals("PONG") || pong.contains("NOAUTH")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new IOException("redis-server on port " + port + " did not answer PING within 10 s");
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return {@code redis://127.0.0.1:PORT} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return whether the process is running */
    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /**
     * Starts the server again on the same port and directory (killing it first if it runs): it comes back empty,
     * or with what it persisted ({@code --appendonly yes}, a cluster's {@code nodes.conf}).
     *
     * @throws IllegalStateException if it does not start within a few seconds
     */
    public void restart() {
        if (process.isAlive()) {
            kill();
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                launch();
                return;
            } catch (IOException e) {
                last = e; // the port may linger a moment after the kill
                sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not restart on port " + port, last);
    }

    private void waitFor() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends one command over a fresh plain socket (RESP).
     *
     * @param args the command and its arguments
     * @return a String (simple or bulk), Long, List, null, or the error text for an error reply
     * @throws IOException if the server cannot be reached
     */
    public Object command(String... args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                req.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                req.write(b);
                req.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(req.toByteArray());
            out.flush();
            return read(new BufferedInputStream(s.getInputStream()));
        }
    }

    /**
     * {@link #command} for a caller that knows the server is up.
     *
     * @param args the command and its arguments
     * @return the reply, as {@link #command} gives it
     * @throws UncheckedIOException if the server cannot be reached
     */
    public Object call(String... args) {
        try {
            return command(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code INFO commandstats}: calls per command, e.g. {@code evalsha -> 12} */
    public Map<String, Long> commandCalls() {
        Map<String, Long> calls = new TreeMap<>();
        for (String l : String.valueOf(call("INFO", "commandstats")).split("\r\n")) {
            if (l.startsWith("cmdstat_")) {
                String name = l.substring(8, l.indexOf(':'));
                String v = l.substring(l.indexOf("calls=") + 6);
                calls.put(name, Long.parseLong(v.substring(0, v.indexOf(','))));
            }
        }
        return calls;
    }

    /**
     * @param section the {@code INFO} section, e.g. {@code cluster}
     * @return its {@code key:value} lines
     */
    public Map<String, String> info(String section) {
        Map<String, String> m = new TreeMap<>();
        for (String l : String.valueOf(call("INFO", section)).split("\r\n")) {
            int colon = l.indexOf(':');
            if (colon > 0 && !l.startsWith("#")) {
                m.put(l.substring(0, colon), l.substring(colon + 1));
            }
        }
        return m;
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
            case '-':
                return line;
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type " + (char) type);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            b.append((char) c);
        }
        in.read();
        return b.toString();
    }

    /**
     * Sleeps; an interrupt ends the sleep, is kept on the thread and fails the caller.
     *
     * @param millis how long
     * @throws IllegalStateException if interrupted
     */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server (SIGTERM) and deletes its directory. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a leftover file in the temporary directory is harmless
        }
    }

    @Override
    public String toString() {
        return "LocalRedis{127.0.0.1:" + port + (cluster ? ", cluster node" : "") + "}";
    }
}
