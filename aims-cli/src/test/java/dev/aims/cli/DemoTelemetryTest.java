package dev.aims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTelemetryTest {
    final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void closeWritesTheBufferedSpansAsOneOtlpExportRequestPerLine() throws Exception {
        Path file = tmp.resolve("spans.jsonl");
        DemoTelemetry telemetry = DemoTelemetry.open(file);
        Tracer tracer = telemetry.openTelemetry().getTracer("test-scope");
        tracer.spanBuilder("first").startSpan().end();
        tracer.spanBuilder("second").startSpan().end();

        telemetry.close();

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty();
        StringBuilder names = new StringBuilder();
        for (String line : lines) {
            JsonNode request = json.readTree(line);
            assertThat(request.at("/resourceSpans/0/resource/attributes").toString())
                    .contains("{\"key\":\"service.name\",\"value\":{\"stringValue\":\"aims-demo\"}}");
            for (JsonNode span : request.at("/resourceSpans/0/scopeSpans/0/spans")) {
                names.append(span.path("name").asText()).append(' ');
            }
        }
        assertThat(names.toString()).isEqualTo("first second ");
    }

    @Test
    void aSpanEndedAfterCloseIsNotWritten() throws Exception {
        Path file = tmp.resolve("spans.jsonl");
        DemoTelemetry telemetry = DemoTelemetry.open(file);
        Tracer tracer = telemetry.openTelemetry().getTracer("test-scope");
        tracer.spanBuilder("before").startSpan().end();
        telemetry.close();

        tracer.spanBuilder("after").startSpan().end();

        assertThat(Files.readString(file)).contains("\"before\"").doesNotContain("\"after\"");
    }

    @Test
    void anExistingFileIsReplaced() throws Exception {
        Path file = Files.writeString(tmp.resolve("spans.jsonl"), "old content\n");

        DemoTelemetry.open(file).close();

        assertThat(file).isEmptyFile();
    }
}
