package dev.aims.evidence.discover;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FindingsTest {
    @Test
    void generatedIdsInPathsAreGrouped() {
        assertThat(Findings.pathPattern("/v1/responses/resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b"))
                .isEqualTo("/v1/responses/{id}");
        assertThat(Findings.pathPattern("/v1/threads/thread_abc123def456ghi789jkl012/runs"))
                .isEqualTo("/v1/threads/{id}/runs");
        assertThat(Findings.pathPattern("/v1/files/123e4567-e89b-12d3-a456-426614174000/content"))
                .isEqualTo("/v1/files/{id}/content");
    }

    @Test
    void modelNamesAndOperationsStay() {
        String[] kept = {"/openai/deployments/gpt-4o-mini-2024-07-18/chat/completions",
            "/model/anthropic.claude-3-5-sonnet-20240620-v1:0/invoke",
            "/v1beta/models/gemini-1.5-pro-002:generateContent", "/v1/chat/completions",
            "/google.cloud.aiplatform.v1.PredictionService/GenerateContent", "/api/generate"};
        for (String p : kept) {
            assertThat(Findings.pathPattern(p)).isEqualTo(p);
        }
    }
}
