package dev.aims.evidence;

import dev.aims.api.AiSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventoryJsonTest {
    @TempDir
    Path dir;

    @Test
    void loadsEveryMemberOfASystem() throws IOException {
        AiSystemInventory inv = AiSystemInventory.fromJson(write("{\"strict\":true,\"systems\":[{\"id\":\"bot\","
                + "\"name\":\"Bot\",\"owner\":\"team\",\"intendedUses\":[\"support\"],\"providers\":[\"openai\"],"
                + "\"allowedModels\":[\"gpt-4o*\"],\"riskLevel\":\"limited\",\"dataCategories\":[\"contact\"],"
                + "\"impactAssessmentRef\":\"AIA-1\"},{\"id\":\"min\"}]}"));
        assertThat(inv.strict()).isTrue();
        assertThat(inv.find("bot")).contains(AiSystem.builder("bot").name("Bot").owner("team")
                .intendedUses(List.of("support")).providers(List.of("openai")).allowedModels(List.of("gpt-4o*"))
                .riskLevel("limited").dataCategories(List.of("contact")).impactAssessmentRef("AIA-1").build());
        assertThat(inv.find("min").orElseThrow().name()).isEqualTo("min");
    }

    @Test
    void namesTheFileThePathAndTheValue() throws IOException {
        expect("{\"systems\":[{\"id\":\"a\",\"riskLevel\":3}]}", "$.systems[0].riskLevel must be a non-blank string,"
                + " but was 3");
        expect("{\"systems\":[{\"id\":\"a\",\"intendedUses\":[\"x\",7]}]}",
                "$.systems[0].intendedUses[1] must be a non-blank string, but was 7");
        expect("{\"systems\":[{\"id\":\"a\",\"providers\":\"openai\"}]}",
                "$.systems[0].providers must be an array of strings, but was \"openai\"");
        expect("{\"systems\":[{\"name\":\"nameless\"}]}", "$.systems[0].id is required");
        expect("{\"systems\":[{\"id\":\"a\",\"ownr\":\"x\"}]}", "$.systems[0].ownr is not a known member (id, name,"
                + " owner, intendedUses, providers, allowedModels, riskLevel, dataCategories, impactAssessmentRef)");
        expect("{\"systems\":[{\"id\":\"a\"},{\"id\":\"a\"}]}",
                "$.systems[1].id 'a' is already registered at $.systems[0]");
        expect("{\"strict\":\"yes\",\"systems\":[]}", "$.strict must be true or false, but was \"yes\"");
        expect("{\"system\":[]}", "$.system is not a known member ($schema, strict, systems)");
        expect("{}", "$.systems is required");
        expect("[]", "$ must be an object, but was []");
        expect("{\"systems\":[\"a\"]}", "$.systems[0] must be an object, but was \"a\"");
        expect("{\"systems\":[{\"id\":\" \"}]}", "$.systems[0].id must be a non-blank string, but was \" \"");
    }

    @Test
    void namesTheLineAndColumnOfMalformedJson() throws IOException {
        Path f = write("{\n  \"systems\": [,]\n}");
        assertThatThrownBy(() -> AiSystemInventory.fromJson(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + ": not well-formed JSON at line 2, column ");
    }

    @Test
    void shortensALongValueInTheMessage() throws IOException {
        Path f = write("{\"systems\":[{\"id\":\"a\",\"owner\":[\"" + "x".repeat(200) + "\"]}]}");
        assertThatThrownBy(() -> AiSystemInventory.fromJson(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("...").hasMessageContaining("$.systems[0].owner must be a non-blank string");
    }

    private void expect(String json, String message) throws IOException {
        Path f = write(json);
        assertThatThrownBy(() -> AiSystemInventory.fromJson(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ": " + message);
    }

    private Path write(String json) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "systems", ".json"), json);
    }
}
