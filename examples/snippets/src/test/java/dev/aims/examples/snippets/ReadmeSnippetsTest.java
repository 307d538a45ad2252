package dev.aims.examples.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The README's code is the example applications' code: every block marked {@code <!-- snippet: FILE#NAME -->}
 * shows exactly that region of the example source, and every region is shown. The applications run in the build,
 * so what the README shows is what ran.
 *
 * <p>After changing an example, {@code ./mvnw -B verify -pl examples/snippets -Dsnippets.update=true} copies the
 * regions into the README (then this test passes); review the diff.
 */
class ReadmeSnippetsTest {
    static final Path EXAMPLES = Path.of("..").toAbsolutePath().normalize();
    static final Path README = EXAMPLES.resolveSibling("README.md");

    @Test
    void everyMarkedReadmeBlockIsItsRegionVerbatimAndEveryRegionIsShown() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        for (Path file : Snippets.markedFiles(EXAMPLES)) {
            String where = "examples/" + file;
            Snippets.regions(Files.readAllLines(EXAMPLES.resolve(file), StandardCharsets.UTF_8), where)
                    .forEach((name, text) -> regions.put(file.toString().replace('\\', '/') + "#" + name, text));
        }
        assertTrue(regions.size() >= 6, "the examples mark their README regions: " + regions.keySet());

        List<String> readme = new ArrayList<>(Files.readAllLines(README, StandardCharsets.UTF_8));
        List<Snippets.Block> blocks = Snippets.blocks(readme);
        Set<String> shown = new LinkedHashSet<>();
        List<String> drifted = new ArrayList<>();
        // Backwards, so that rewriting a block keeps the line numbers of the ones before it.
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Snippets.Block b = blocks.get(i);
            String expected = regions.get(b.key());
            if (expected == null) {
                fail("README.md:" + (b.markerLine() + 1) + " shows " + b.key() + ", which no example marks; regions: "
                        + regions.keySet());
            }
            shown.add(b.key());
            String actual = String.join("\n", readme.subList(b.firstLine(), b.endLine()));
            if (!actual.equals(expected)) {
                drifted.add("README.md:" + (b.markerLine() + 1) + " (" + b.key() + ")");
                readme.subList(b.firstLine(), b.endLine()).clear();
                readme.addAll(b.firstLine(), List.of(expected.split("\n", -1)));
            }
        }
        if (!drifted.isEmpty() && Boolean.getBoolean("snippets.update")) {
            Files.writeString(README, String.join("\n", readme) + "\n", StandardCharsets.UTF_8);
            drifted.clear();
        }
        assertEquals(List.of(), drifted, "README blocks that differ from the examples (-Dsnippets.update=true"
                + " copies the examples' regions into the README)");
        Set<String> unshown = new LinkedHashSet<>(regions.keySet());
        unshown.removeAll(shown);
        assertEquals(Set.of(), unshown, "regions the README does not show");
    }

    /**
     * The README tells users of {@code spring-boot-starter-parent} to set Boot's version properties to
     * aims-dependencies' own: each such property it writes must be there, with that value.
     */
    @Test
    void everyVersionPropertyTheReadmeWritesIsAimsDependenciesOwn() throws Exception {
        Element bom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(EXAMPLES.resolveSibling("aims-dependencies").resolve("pom.xml").toFile()).getDocumentElement();
        Map<String, String> properties = ExampleVersionsTest.properties(bom);
        Matcher m = Pattern.compile("<([A-Za-z0-9.-]+\\.version)>([^<]+)</\\1>")
                .matcher(Files.readString(README, StandardCharsets.UTF_8));
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        while (m.find()) {
            seen++;
            if (!m.group(2).equals(properties.get(m.group(1)))) {
                wrong.add(m.group() + ", but aims-dependencies has " + properties.get(m.group(1)));
            }
        }
        assertTrue(seen > 0, "the README names Boot's version properties");
        assertEquals(List.of(), wrong);
    }
}
