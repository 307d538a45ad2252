package dev.aims.evidence.discover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AiEndpointsTest {
    private final AiEndpoints builtIn = AiEndpoints.builtIn();

    @TempDir
    Path tmp;

    @Test
    void knowsEveryProviderTheIssueNames() {
        String[][] cases = {
            {"api.openai.com", "/v1/responses", "openai"},
            {"contoso.openai.azure.com", "/openai/deployments/gpt-4o/chat/completions", "azure-openai"},
            {"contoso.cognitiveservices.azure.com", "/openai/deployments/x/embeddings", "azure-openai"},
            {"api.anthropic.com", "/v1/messages", "anthropic"},
            {"generativelanguage.googleapis.com", "/v1beta/models/gemini-2.0-flash:generateContent",
                "google-gemini"},
            {"us-central1-aiplatform.googleapis.com", "/v1/projects/p/locations/l/publishers/google/models/m:predict",
                "google-vertex-ai"},
            {"aiplatform.googleapis.com", "/v1/x", "google-vertex-ai"},
            {"bedrock-runtime.eu-west-1.amazonaws.com", "/model/m/invoke", "aws-bedrock"},
            {"api.mistral.ai", "/v1/chat/completions", "mistral"},
            {"api.cohere.com", "/v2/chat", "cohere"},
            {"api.groq.com", "/openai/v1/chat/completions", "groq"},
            {"api.together.xyz", "/v1/chat/completions", "together"},
            {"api.fireworks.ai", "/inference/v1/chat/completions", "fireworks"},
            {"api.deepseek.com", "/chat/completions", "deepseek"},
            {"openrouter.ai", "/api/v1/chat/completions", "openrouter"},
            {"api-inference.huggingface.co", "/models/gpt2", "huggingface"},
            {"x1.us-east-1.aws.endpoints.huggingface.cloud", "/", "huggingface"},
            {"api.perplexity.ai", "/chat/completions", "perplexity"},
            {"api.x.ai", "/v1/chat/completions", "xai"},
        };
        for (String[] c : cases) {
            assertThat(builtIn.provider(c[0], 443, c[1])).as(c[0]).isEqualTo(c[2]);
        }
    }

    @Test
    void recognisesSelfHostedServersByPathOrPort() {
        assertThat(builtIn.provider("gpu-7.internal", 8000, "/v1/chat/completions")).isEqualTo("self-hosted");
        assertThat(builtIn.provider("10.0.0.5", 8080, "/llm/v1/messages")).isEqualTo("self-hosted");
        assertThat(builtIn.provider("ollama", 80, "/api/generate")).isEqualTo("self-hosted");
        assertThat(builtIn.provider("ollama", 80, "/api/chat")).isEqualTo("self-hosted");
        assertThat(builtIn.provider("localhost", 11434, "/api/tags")).isEqualTo("self-hosted");
        assertThat(builtIn.provider("", 0, "/v1/chat/completions")).isEqualTo("self-hosted");
    }

    @Test
    void leavesOtherDestinationsAlone() {
        assertThat(builtIn.provider("api.stripe.com", 443, "/v1/charges")).isNull();
        assertThat(builtIn.provider("slack.com", 443, "/api/chat.postMessage")).isNull();
        assertThat(builtIn.provider("openrouter.ai", 443, "/docs")).isNull();
        assertThat(builtIn.provider("api.openai.com.evil.example", 443, "/v1/x")).isNull();
        assertThat(builtIn.provider("contoso.cognitiveservices.azure.com", 443, "/vision/v3.2/analyze")).isNull();
    }

    @Test
    void userRulesComeFirstAndDashMeansNotAi() throws IOException {
        Path file = tmp.resolve("hosts.txt");
        Files.writeString(file, "# ours\nacme-llm   llm.acme.internal\n-  chat.acme.internal  /api/chat\n\n"
                + "acme-gpu *:8443 /infer\n");
        AiEndpoints e = builtIn.withFile(file);
        assertThat(e.provider("llm.acme.internal", 443, "/anything")).isEqualTo("acme-llm");
        assertThat(e.provider("chat.acme.internal", 443, "/api/chat")).isEqualTo(AiEndpoints.NOT_AI);
        assertThat(e.provider("other.acme.internal", 443, "/api/chat")).isEqualTo("self-hosted");
        assertThat(e.provider("gpu", 8443, "/infer")).isEqualTo("acme-gpu");
        assertThat(e.provider("gpu", 8444, "/infer")).isNull();
        assertThat(e.size()).isEqualTo(builtIn.size() + 3);
    }

    @Test
    void aBadRuleIsRefusedNamingFileAndLine() throws IOException {
        Path file = tmp.resolve("bad.txt");
        Files.writeString(file, "ok api.ok.example\nonly-one-field\n");
        assertThatThrownBy(() -> builtIn.withFile(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":2: a rule is 'provider host[:port] [path]', but this line has 1 field");
        Files.writeString(file, "p host:99999\n");
        assertThatThrownBy(() -> builtIn.withFile(file)).hasMessage(file + ":1: port must be a number from 1 to"
                + " 65535");
        Files.writeString(file, "p host v1/chat\n");
        assertThatThrownBy(() -> builtIn.withFile(file)).hasMessage(file + ":1: path must start with / or *");
    }
}
