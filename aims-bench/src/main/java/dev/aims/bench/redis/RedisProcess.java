package dev.aims.bench.redis;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the benchmark's own, on 127.0.0.1 and a free port, without persistence; and a plain
 * RESP socket to read its {@code INFO} without going through the client under measurement.
 */
final class RedisProcess implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private RedisProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static RedisProcess start() {
        try {
            Path dir = Files.createTempDirectory("aims-bench-redis");
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            RedisProcess r = new RedisProcess(p, dir, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("redis-server exited: " + Files.readString(
                            dir.resolve("redis.log")));
                }
                try {
                    if ("PONG".equals(r.command("PING"))) {
                        return r;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("redis-server did not answer PING within 10 s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String binary() {
        List<String> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                candidates.add(d + "/redis-server");
            }
        }
        candidates.add("/usr/bin/redis-server");
        candidates.add("/usr/local/bin/redis-server");
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new IllegalStateException("redis-server is not installed: the Redis benchmarks start their own"
                + " (apt-get install -y redis-server)");
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return the reply: a String, Long, List or null */
    Object command(String... args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(5000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                req.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                req.write(b);
                req.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            OutputStream out = s.getOutputStream();
            out.write(req.toByteArray());
            out.flush();
            return read(new BufferedInputStream(s.getInputStream()));
        }
    }

    /** @return the {@code key:value} lines of an {@code INFO} section */
    Map<String, String> info(String section) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String l : String.valueOf(command("INFO", section)).split("\r\n")) {
            int colon = l.indexOf(':');
            if (colon > 0 && !l.startsWith("#")) {
                m.put(l.substring(0, colon), l.substring(colon + 1));
            }
        }
        return m;
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            line.append((char) c);
        }
        in.read();
        switch (type) {
            case '+':
            case '-':
                return line.toString();
            case ':':
                return Long.parseLong(line.toString());
            case '$': {
                int n = Integer.parseInt(line.toString());
                if (n < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line.toString());
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

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
