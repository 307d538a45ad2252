package dev.aims.evidence.discover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds AI use that bypasses governance in OpenTelemetry trace exports: every HTTP or gRPC client span whose
 * destination is a known AI endpoint and which has no AIMS governed span among its ancestors in its trace.
 * A client span of the GenAI conventions ({@code gen_ai.operation.name} and {@code gen_ai.provider.name} or the
 * older {@code gen_ai.system}) is a model call too, found also when no HTTP span was written under it: its host is
 * {@code server.address}, else the provider's name, and its path the operation. With an HTTP call to an AI endpoint
 * under it, the call is counted once, by the HTTP span; with a governed span under it (an instrumented client that
 * AIMS's governed client is wrapped in), it is governed. Such a span is judged when its trace closes.
 *
 * <pre>{@code
 * Discovery found = TraceDiscovery.builder().hosts(Path.of("our-endpoints.txt")).build()
 *         .scan(List.of(Path.of("/var/log/otel/traces")));
 * found.ungoverned().forEach(u -> System.out.println(u.service() + " -> " + u.host() + u.path()));
 * }</pre>
 *
 * <p><b>Input.</b> OTLP JSON lines, one export request a line, as the OpenTelemetry Collector's file exporter and
 * the SDK's OTLP JSON exporters write them (and {@code aims demo} writes {@code spans.jsonl}); files or directories,
 * gzip or not. A line that is not OTLP JSON is reported to the {@link Listener} with its file and line number, and
 * skipped.
 *
 * <p><b>Known endpoints.</b> Rules {@code provider host[:port] [path]} in {@code ai-endpoints.txt}, shipped in the
 * jar: OpenAI, Azure OpenAI and AI Foundry, Anthropic, Google Gemini and Vertex AI, AWS Bedrock runtime, Mistral,
 * Cohere, Groq, Together, Fireworks, DeepSeek, OpenRouter, Hugging Face inference, Perplexity, xAI, and self-hosted
 * servers by port (11434) or API path ({@code /v1/chat/completions}, {@code /v1/completions}, {@code /v1/messages},
 * {@code /api/chat}, {@code /api/generate}). {@link Builder#hosts} adds a file of the same format, tried first; its
 * provider {@code -} marks a destination as not AI. The destination is read from {@code server.address},
 * {@code url.full}, or the older {@code net.peer.name} and {@code http.url} (see {@code Destination}).
 *
 * <p><b>Governed.</b> A span is an AIMS governed span when it carries {@value #AIMS_CALL_ID}, which
 * {@code aims-otel} sets on the span of every governed call when it starts (its tracer is {@value #AIMS_SCOPE}).
 *
 * <p><b>Memory.</b> The files are streamed; a trace's spans are held while the trace is open, and a trace is closed
 * once {@link Builder#window} spans of other traces have been read since its last one (default
 * {@value #DEFAULT_WINDOW}). AI calls whose ancestors were not all seen by then count as ungoverned. Memory is
 * bounded by the window, not by the size of the input.
 *
 * <p>Immutable and thread-safe; each {@link #scan} is independent.
 */
public final class TraceDiscovery {
    /** The attribute that marks AIMS's governed span ({@code AimsAttributes.AIMS_CALL_ID} in aims-otel). */
    public static final String AIMS_CALL_ID = "aims.call.id";
    /** The instrumentation scope of AIMS's tracer ({@code AimsAttributes.INSTRUMENTATION_SCOPE} in aims-otel). */
    public static final String AIMS_SCOPE = "dev.aims";
    /** The default window, in spans. */
    public static final long DEFAULT_WINDOW = 500_000;
    /** The most trace ids kept as a sample of each finding. */
    public static final int SAMPLE_TRACES = 5;

    private final AiEndpoints endpoints;
    private final Instant from;
    private final Instant to;
    private final long window;

    private TraceDiscovery(Builder b) {
        this.endpoints = b.endpoints;
        this.from = b.from;
        this.to = b.to;
        this.window = b.window == 0 ? DEFAULT_WINDOW : b.window;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Hears of what a scan could not read, and how far it is.
     */
    public interface Listener {
        /**
         * A line skipped, or a file that could not be read to its end.
         *
         * @param file    the file
         * @param line    the line number, from 1; 0 for the whole file
         * @param message what was wrong, naming a field or column, never a value from the line
         */
        default void problem(Path file, long line, String message) {
        }

        /**
         * Called after each line read.
         *
         * @param progress how far the scan is
         */
        default void progress(Progress progress) {
        }
    }

    /**
     * How far a scan is.
     *
     * @param file       the file being read
     * @param fileNumber its number, from 1
     * @param files      the number of files
     * @param bytesRead  the bytes of it read so far (compressed bytes for gzip)
     * @param fileSize   its size in bytes
     * @param spans      the spans read so far, in every file
     */
    public record Progress(Path file, int fileNumber, int files, long bytesRead, long fileSize, long spans) {
    }

    /**
     * Scans the trace files under the paths, in order, with no listener.
     *
     * @param paths trace files or directories
     * @return what was found
     * @throws IOException              if a directory cannot be listed
     * @throws IllegalArgumentException if a path does not exist
     */
    public Discovery scan(List<Path> paths) throws IOException {
        return scan(paths, new Listener() {
        });
    }

    /**
     * Scans the trace files under the paths, in order. A line that is not OTLP JSON, or a file that cannot be read
     * to its end, is reported to the listener and the scan goes on.
     *
     * @param paths    trace files or directories
     * @param listener hears of problems and progress
     * @return what was found
     * @throws IOException              if a directory cannot be listed
     * @throws IllegalArgumentException if a path does not exist, or none was given
     */
    public Discovery scan(List<Path> paths, Listener listener) throws IOException {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(listener, "listener");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("paths must name at least one file or directory, but was empty");
        }
        List<Path> files = TraceFiles.list(paths);
        Scan scan = new Scan(listener, files.size());
        for (int i = 0; i < files.size(); i++) {
            scan.file(files.get(i), i + 1);
        }
        return scan.finish(files);
    }

    /** The state of one scan. */
    private final class Scan {
        final Listener listener;
        final int fileCount;
        final Findings findings = new Findings();
        final OtlpSpans parser = new OtlpSpans();
        final TraceTable table;
        final List<Span> lineSpans = new ArrayList<>();
        final long fromNanos;
        final long toNanos;
        long governed;
        long lines;
        long spans;
        long malformed;
        long skipped;
        long unreadable;

        Scan(Listener listener, int fileCount) {
            this.listener = listener;
            this.fileCount = fileCount;
            this.table = new TraceTable(window, c -> { }, findings::add);
            this.fromNanos = from == null ? Long.MIN_VALUE : nanos(from);
            this.toNanos = to == null ? Long.MAX_VALUE : nanos(to);
        }

        void file(Path file, int number) {
            long size = 0;
            long lineNo = 0;
            try (TraceFiles.Lines in = new TraceFiles.Lines(file)) {
                size = Files.size(file);
                while (in.next()) {
                    lineNo++;
                    lines++;
                    line(file, lineNo, in);
                    listener.progress(new Progress(file, number, fileCount, in.bytesRead(), size, spans));
                }
            } catch (IOException e) {
                unreadable++;
                listener.problem(file, lineNo == 0 ? 0 : lineNo + 1, "could not be read to its end ("
                        + e.getClass().getSimpleName() + ")");
            }
        }

        private void line(Path file, long lineNo, TraceFiles.Lines in) {
            if (blank(in.buffer(), in.start(), in.length())) {
                return;
            }
            lineSpans.clear();
            try {
                parser.read(in.buffer(), in.start(), in.length(), lineSpans);
            } catch (OtlpSpans.MalformedLineException e) {
                malformed++;
                listener.problem(file, lineNo, e.getMessage() + "; line skipped");
                return;
            }
            if (parser.skippedSpans() > 0) {
                skipped += parser.skippedSpans();
                listener.problem(file, lineNo, parser.skippedSpans() + (parser.skippedSpans() == 1 ? " span"
                        : " spans") + " skipped: " + parser.skippedReason());
            }
            for (Span s : lineSpans) {
                spans++;
                boolean inPeriod = s.startNanos == 0 ? from == null && to == null
                        : s.startNanos >= fromNanos && s.startNanos < toNanos;
                boolean isGoverned = s.governed();
                TraceTable.Call call = null;
                if (!isGoverned && s.outboundCall()) {
                    // followed also when it started outside the period, so that a GenAI span over it, which may
                    // have started inside, is not counted in its place: the HTTP call decides
                    Destination d = Destination.of(s);
                    String provider = endpoints.provider(d.host(), d.port(), d.path());
                    if (provider != null && !AiEndpoints.NOT_AI.equals(provider)) {
                        call = TraceTable.Call.of(s, d, provider, s.genAiCall(), inPeriod);
                    } else if (provider == null && s.genAiCall()) {
                        call = TraceTable.Call.of(s, d, s.genAiProvider, true, inPeriod);
                    }
                } else if (!isGoverned && inPeriod && s.genAiCall()) {
                    // a model call known from the GenAI conventions only: where it went is server.address when the
                    // instrumentation wrote it, else the provider's name; the operation stands for the path
                    Destination d = Destination.of(s);
                    Destination named = d.host().isEmpty()
                            ? new Destination(s.genAiProvider.toLowerCase(Locale.ROOT), 0, "") : d;
                    String provider = endpoints.provider(named.host(), named.port(), named.path());
                    if (!AiEndpoints.NOT_AI.equals(provider)) {
                        call = TraceTable.Call.of(s, new Destination(named.host(), named.port(),
                                named.path().isEmpty() ? s.genAiOperation : named.path()),
                                provider == null ? s.genAiProvider : provider, true, true);
                    }
                }
                if (table.add(s, call) && isGoverned && inPeriod) {
                    governed++;
                }
            }
            lineSpans.clear();
        }

        Discovery finish(List<Path> files) {
            table.closeAll();
            return new Discovery(files, governed, findings.list(), findings.calls(), new Discovery.Stats(lines,
                    spans, malformed, skipped, table.duplicates(), unreadable, table.peakSpansHeld(),
                    table.peakTracesOpen()));
        }
    }

    private static boolean blank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /** Builds a {@link TraceDiscovery}; each setting may be given once, none is required. */
    public static final class Builder {
        private AiEndpoints endpoints = AiEndpoints.builtIn();
        private boolean hostsSet;
        private Instant from;
        private Instant to;
        private long window;

        private Builder() {
        }

        /**
         * Adds known AI endpoints from files of rules {@code provider host[:port] [path]}, one a line, {@code #}
         * comments; tried before the built-in ones, in the order given.
         *
         * @param files the rule files
         * @return this builder
         * @throws IOException              if a file cannot be read
         * @throws IllegalArgumentException if a line is not a rule, naming the file and line
         * @throws IllegalStateException    if hosts were already set
         */
        public Builder hosts(List<Path> files) throws IOException {
            Objects.requireNonNull(files, "hosts");
            if (hostsSet) {
                throw new IllegalStateException("hosts were already set");
            }
            hostsSet = true;
            AiEndpoints e = AiEndpoints.builtIn();
            for (int i = files.size() - 1; i >= 0; i--) {
                e = e.withFile(Objects.requireNonNull(files.get(i), "hosts element"));
            }
            endpoints = e;
            return this;
        }

        /**
         * @param from count only calls that started at or after this instant; default all
         * @return this builder
         * @throws IllegalStateException if it was already set
         */
        public Builder from(Instant from) {
            Objects.requireNonNull(from, "from");
            if (this.from != null) {
                throw new IllegalStateException("from was already set to " + this.from);
            }
            this.from = from;
            return this;
        }

        /**
         * @param to count only calls that started before this instant; default all
         * @return this builder
         * @throws IllegalStateException if it was already set
         */
        public Builder to(Instant to) {
            Objects.requireNonNull(to, "to");
            if (this.to != null) {
                throw new IllegalStateException("to was already set to " + this.to);
            }
            this.to = to;
            return this;
        }

        /**
         * @param spans how many spans of other traces may be read after a trace's last span before the trace is
         *              closed; default {@value TraceDiscovery#DEFAULT_WINDOW}. Larger catches governing spans
         *              exported later, at the cost of memory.
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         * @throws IllegalStateException    if it was already set
         */
        public Builder window(long spans) {
            if (spans <= 0) {
                throw new IllegalArgumentException("window must be greater than 0, but was " + spans);
            }
            if (window != 0) {
                throw new IllegalStateException("window was already set to " + window);
            }
            window = spans;
            return this;
        }

        /**
         * @return the discovery
         * @throws IllegalStateException if the period ends before it starts
         */
        public TraceDiscovery build() {
            if (from != null && to != null && !to.isAfter(from)) {
                throw new IllegalStateException("the period must end after it starts, but from is " + from
                        + " and to is " + to);
            }
            return new TraceDiscovery(this);
        }
    }
}
