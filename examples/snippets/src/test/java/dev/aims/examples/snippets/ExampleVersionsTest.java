package dev.aims.examples.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The examples are built as a user's application would be, so they cannot inherit the root's versions; these rules
 * keep what they write equal to what the root build tests, and keep them from pinning anything else: a dependency
 * version appears only on an imported BOM (or on aims-testkit, which no BOM lists), and each one equals the root's.
 */
class ExampleVersionsTest {
    static final Path EXAMPLES = Path.of("..").toAbsolutePath().normalize();
    /** The root property that holds the version of each BOM an example may import. */
    static final Map<String, String> ROOT_PROPERTY_OF = Map.of(
            "junit-bom", "junit.version",
            "langchain4j-bom", "langchain4j.version",
            "spring-boot-dependencies", "spring-boot.version",
            "spring-ai-bom", "spring-ai.version");

    @Test
    void everyVersionAnExampleWritesIsTheRootBuildsAndOnlyBomsCarryOne() throws Exception {
        Element root = read(EXAMPLES.resolveSibling("pom.xml"));
        Map<String, String> rootProperties = properties(root);
        String aimsVersion = child(root, "version").getTextContent().trim();
        List<String> wrong = new ArrayList<>();
        for (Path pom : examplePoms()) {
            Element project = read(pom);
            Element parent = child(project, "parent");
            String own = parent == null ? child(project, "version").getTextContent().trim()
                    : child(parent, "version").getTextContent().trim();
            if (!own.equals(aimsVersion)) {
                wrong.add(pom + ": version " + own + ", the root's is " + aimsVersion);
            }
            NodeList deps = project.getElementsByTagName("dependency");
            for (int i = 0; i < deps.getLength(); i++) {
                Element dep = (Element) deps.item(i);
                Element version = child(dep, "version");
                if (version == null) {
                    continue;
                }
                String artifact = child(dep, "artifactId").getTextContent().trim();
                String expected = artifact.startsWith("aims-") ? aimsVersion
                        : rootProperties.get(ROOT_PROPERTY_OF.get(artifact));
                boolean managed = "dependencyManagement".equals(dep.getParentNode().getParentNode().getNodeName());
                boolean bomOrFixture = artifact.equals("aims-testkit") || child(dep, "scope") != null
                        && child(dep, "scope").getTextContent().trim().equals("import");
                if (!managed || !bomOrFixture) {
                    wrong.add(pom + ": " + artifact + " has a version of its own; only imported BOMs may");
                } else if (!version.getTextContent().trim().equals(expected)) {
                    wrong.add(pom + ": " + artifact + " " + version.getTextContent().trim() + ", the root build's is "
                            + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theExamplesBuildWithTheRootsPluginVersions() throws Exception {
        Map<String, String> rootProperties = properties(read(EXAMPLES.resolveSibling("pom.xml")));
        Map<String, String> examples = properties(read(EXAMPLES.resolve("pom.xml")));
        List<String> wrong = new ArrayList<>();
        examples.forEach((name, value) -> {
            String rootValue = rootProperties.get(name);
            if (name.endsWith("-plugin.version") && rootValue != null && !rootValue.equals(value)) {
                wrong.add(name + " is " + value + ", the root's is " + rootValue);
            }
        });
        assertFalse(examples.isEmpty());
        assertEquals(List.of(), wrong);
    }

    static List<Path> examplePoms() throws IOException {
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            List<Path> poms = new ArrayList<>(List.of(EXAMPLES.resolve("pom.xml")));
            for (Path d : dirs.sorted().toList()) {
                if (Files.isRegularFile(d.resolve("pom.xml"))) {
                    poms.add(d.resolve("pom.xml"));
                }
            }
            return poms;
        }
    }

    static Element read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    static Map<String, String> properties(Element project) {
        Map<String, String> properties = new LinkedHashMap<>();
        Element props = child(project, "properties");
        if (props != null) {
            for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    properties.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        }
        return properties;
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
