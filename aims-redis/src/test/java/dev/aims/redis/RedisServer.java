package dev.aims.redis;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests: started on 127.0.0.1 on a free port, without persistence, stopped (or
 * killed, as in a crash) and started again on the same port. Tests never assume a server is running; when
 * {@code redis-server} is not installed they fail and say how to install it.
 */
final class RedisServer implements AutoCloseable {
    private static final List<String> PLACES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server",
            "/usr/sbin/redis-server", "/opt/homebrew/bin/redis-server");

    private final Path dir;
    private final List<String> extra;
    private int port;
    private Process process;

    private RedisServer(List<String> extra) throws IOException {
        this.dir = Files.createTempDirectory("aims-redis-test");
        this.extra = extra;
    }

    /** Starts a server with the given extra arguments (e.g. {@code --requirepass}, {@code secret}). */
    static RedisServer start(String... extra) {
        try {
            RedisServer s = new RedisServer(List.of(extra));
            IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                s.port = freePort();
                try {
                    s.launch();
                    return s;
                } catch (IOException e) {
                    last = e; // the port was taken between the probe and the start: take another
                }
            }
            throw new UncheckedIOException("redis-server did not start", last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String binary() {
        String path = System.getenv("PATH");
        List<String> candidates = new ArrayList<>();
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                candidates.add(d + "/redis-server");
            }
        }
        candidates.addAll(PLACES);
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new IllegalStateException("redis-server is not installed (looked on PATH and in " + PLACES + "):"
                + " the Redis tests start a real server. Install it, e.g. apt-get install -y redis-server"
                + " (.ci/run does).");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        cmd.addAll(extra);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("redis-" + port + ".log")));
            }
            try {
                Object pong = command("PING");
                if ("PONG".equals(pong) || String.valueOf(pong).startsWith("ERR NOAUTH")
                        || String.valueOf(pong).startsWith("NOAUTH")) {
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

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Starts the server again on the same port, empty (it keeps nothing). */
    void restart() {
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
        throw new UncheckedIOException("redis-server did not restart on port " + port, last);
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
     * Sends one command with a plain socket (RESP), so that tests look at the server without the code under test.
     *
     * @return a String (simple or bulk), Long, List, null, or the error text for an error reply
     */
    Object command(String... args) throws IOException {
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

    /** Like {@link #command} for a test that knows the server is up. */
    Object call(String... args) {
        try {
            return command(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** @return {@code INFO commandstats}: calls per command, e.g. {@code evalsha -> 12} */
    java.util.Map<String, Long> commandCalls() {
        java.util.Map<String, Long> calls = new java.util.TreeMap<>();
        for (String l : String.valueOf(call("INFO", "commandstats")).split("\r\n")) {
            if (l.startsWith("cmdstat_")) {
                String name = l.substring(8, l.indexOf(':'));
                String v = l.substring(l.indexOf("calls=") + 6);
                calls.put(name, Long.parseLong(v.substring(0, v.indexOf(','))));
            }
        }
        return calls;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover log in the temp directory is harmless
        }
    }
}
