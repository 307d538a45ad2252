package dev.aims.examples.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnippetsTest {
    @Test
    void partsOfOneRegionAreJoinedWithoutTheirMarkersEachLosingItsOwnIndentation() {
        Map<String, String> regions = Snippets.regions(List.of(
                "package p;",
                "// snippet-start demo",
                "import a.B;",
                "",
                "// snippet-end demo",
                "class C {",
                "    void m() {",
                "        // snippet-start demo",
                "        B b = new B();",
                "        // snippet-start inner",
                "        b.run();    // comment",
                "        // snippet-end inner",
                "        // snippet-end demo",
                "    }",
                "}"), "C.java");

        assertEquals("import a.B;\n\nB b = new B();\nb.run();    // comment", regions.get("demo"));
        assertEquals("b.run();    // comment", regions.get("inner"));
    }

    @Test
    void nestedIndentationWithinAPartIsKeptAndBlankLinesAtTheEndsAreDropped() {
        Map<String, String> regions = Snippets.regions(List.of(
                "  <!-- snippet-start xml -->",
                "",
                "  <a>",
                "    <b/>   ",
                "  <!-- snippet-end xml -->",
                "  <c/>",
                "  <!-- snippet-start xml -->",
                "  </a>",
                "",
                "  <!-- snippet-end xml -->"), "pom.xml");

        assertEquals("<a>\n  <b/>\n</a>", regions.get("xml"));
    }

    @Test
    void aRegionNeverEndedIsRefusedNamingFileAndRegion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snippets.regions(
                List.of("# snippet-start props", "a=b"), "app.properties"));

        assertEquals("app.properties: snippet-start props is never ended", e.getMessage());
    }

    @Test
    void anEndWithoutStartIsRefusedNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snippets.regions(
                List.of("a", "// snippet-end x"), "A.java"));

        assertEquals("A.java:2: snippet-end x without a snippet-start before it", e.getMessage());
    }

    @Test
    void aReadmeMarkerMustBeFollowedByACodeBlock() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snippets.blocks(
                List.of("text", "<!-- snippet: a/A.java#x -->", "no fence")));

        assertEquals("README.md:2: <!-- snippet: a/A.java#x --> must be followed by a fenced code block",
                e.getMessage());
    }

    @Test
    void aReadmeBlockSpansFromAfterItsFenceToTheClosingFence() {
        List<Snippets.Block> blocks = Snippets.blocks(List.of("<!-- snippet: a/A.java#x -->", "```java", "one",
                "two", "```", "after"));

        assertEquals(List.of(new Snippets.Block(0, 2, 4, "a/A.java", "x")), blocks);
    }
}
