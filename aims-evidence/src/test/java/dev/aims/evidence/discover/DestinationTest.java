package dev.aims.evidence.discover;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationTest {
    private static Span span() {
        return new Span(new Span.Origin(), new Span.Origin());
    }

    @Test
    void currentConventions() {
        Span s = span();
        s.serverAddress = "API.OpenAI.com.";
        s.serverPort = "443";
        s.urlFull = "https://api.openai.com/v1/chat/completions?user=x#frag";
        assertThat(Destination.of(s)).isEqualTo(new Destination("api.openai.com", 443, "/v1/chat/completions"));
    }

    @Test
    void urlFullAloneGivesHostPortAndPathWithoutUserInfoOrQuery() {
        Span s = span();
        s.urlFull = "http://user:SECRET@gpu-box:8000/v1/completions?key=SECRET";
        Destination d = Destination.of(s);
        assertThat(d).isEqualTo(new Destination("gpu-box", 8000, "/v1/completions"));
        assertThat(d.hostLabel()).isEqualTo("gpu-box:8000");
        assertThat(d.toString()).doesNotContain("SECRET");
    }

    @Test
    void olderConventions() {
        Span s = span();
        s.httpUrl = "https://api.mistral.ai/v1/chat/completions";
        assertThat(Destination.of(s)).isEqualTo(new Destination("api.mistral.ai", 443, "/v1/chat/completions"));

        Span node = span();
        node.netPeerName = "ollama.internal";
        node.netPeerPort = "11434";
        node.httpTarget = "/api/chat?stream=false";
        assertThat(Destination.of(node)).isEqualTo(new Destination("ollama.internal", 11434, "/api/chat"));

        Span hostOnly = span();
        hostOnly.httpHost = "vllm:8000";
        hostOnly.httpTarget = "/v1/chat/completions";
        assertThat(Destination.of(hostOnly)).isEqualTo(new Destination("vllm", 8000, "/v1/chat/completions"));
    }

    @Test
    void aPortWrittenIntoTheHostAttributeIsSplitOff() {
        Span s = span();
        s.serverAddress = "vllm.internal:8000";
        s.urlPath = "/v1/chat/completions";
        assertThat(Destination.of(s)).isEqualTo(new Destination("vllm.internal", 8000, "/v1/chat/completions"));
        assertThat(Destination.of(s).hostLabel()).isEqualTo("vllm.internal:8000");
    }

    @Test
    void grpcInBothForms() {
        Span old = span();
        old.rpcSystem = "grpc";
        old.rpcService = "google.cloud.aiplatform.v1.PredictionService";
        old.rpcMethod = "GenerateContent";
        old.netPeerName = "us-central1-aiplatform.googleapis.com";
        assertThat(Destination.of(old).path())
                .isEqualTo("/google.cloud.aiplatform.v1.PredictionService/GenerateContent");
        Span current = span();
        current.rpcSystem = "grpc";
        current.rpcMethod = "google.cloud.aiplatform.v1.PredictionService/StreamGenerateContent";
        current.serverAddress = "aiplatform.googleapis.com";
        assertThat(Destination.of(current)).isEqualTo(new Destination("aiplatform.googleapis.com", 0,
                "/google.cloud.aiplatform.v1.PredictionService/StreamGenerateContent"));
    }

    @Test
    void ipv6AndUnknownHosts() {
        Span s = span();
        s.urlFull = "http://[::1]:11434/api/generate";
        Destination d = Destination.of(s);
        assertThat(d).isEqualTo(new Destination("::1", 11434, "/api/generate"));
        assertThat(d.hostLabel()).isEqualTo("[::1]:11434");
        Span none = span();
        none.urlPath = "/v1/chat/completions";
        assertThat(Destination.of(none).hostLabel()).isEqualTo("(unknown host)");
    }
}
