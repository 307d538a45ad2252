package dev.aims.examples.snippets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The marked regions of the example sources, and the README blocks that show them.
 *
 * <p>A region is the lines between {@code snippet-start NAME} and {@code snippet-end NAME}, written in any
 * comment ({@code // …}, {@code <!-- … -->}, {@code # …}); one name may mark several parts of a file (the imports,
 * then the code), which are shown one after the other, each without the indentation its lines share. Marker
 * lines, of any name, are left out, and so are blank lines at the region's ends. A README block shows a region when the line
 * before its opening fence is {@code <!-- snippet: FILE#NAME -->}, FILE relative to {@code examples/}.
 */
final class Snippets {
    static final Pattern MARKER = Pattern.compile("\\bsnippet-(start|end) ([A-Za-z0-9-]+)");
    static final Pattern README_MARK = Pattern.compile("^<!-- snippet: (\\S+)#([A-Za-z0-9-]+) -->$");
    static final Pattern FENCE = Pattern.compile("^```\\S*$");

    private Snippets() {
    }

    /** Where a README block shows a region: the marker line's index, the block's lines, what it should show. */
    record Block(int markerLine, int firstLine, int endLine, String file, String name) {
        String key() {
            return file + "#" + name;
        }
    }

    /**
     * @param lines a file's lines
     * @param where the file, for messages
     * @return every region of the file by name, in order of first appearance
     * @throws IllegalArgumentException naming the file, line and region of an end without start, a start inside
     *                                  the same region or a region never ended
     */
    static Map<String, String> regions(List<String> lines, String where) {
        Map<String, List<List<String>>> regions = new LinkedHashMap<>();
        Map<String, Boolean> inside = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = MARKER.matcher(line);
            if (m.find()) {
                String name = m.group(2);
                boolean start = m.group(1).equals("start");
                if (start == inside.getOrDefault(name, false)) {
                    throw new IllegalArgumentException(where + ":" + (i + 1) + ": snippet-" + m.group(1) + " " + name
                            + (start ? " inside the region it starts" : " without a snippet-start before it"));
                }
                inside.put(name, start);
                if (start) {
                    regions.computeIfAbsent(name, n -> new ArrayList<>()).add(new ArrayList<>());
                }
                continue;
            }
            for (Map.Entry<String, Boolean> e : inside.entrySet()) {
                if (e.getValue()) {
                    List<List<String>> parts = regions.get(e.getKey());
                    parts.get(parts.size() - 1).add(line);
                }
            }
        }
        inside.forEach((name, in) -> {
            if (in) {
                throw new IllegalArgumentException(where + ": snippet-start " + name + " is never ended");
            }
        });
        Map<String, String> texts = new LinkedHashMap<>();
        regions.forEach((name, parts) -> {
            List<String> all = new ArrayList<>();
            for (List<String> part : parts) {
                all.addAll(dedent(part));
            }
            while (!all.isEmpty() && all.get(0).isEmpty()) {
                all.remove(0);
            }
            while (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                all.remove(all.size() - 1);
            }
            texts.put(name, String.join("\n", all));
        });
        return texts;
    }

    /** Removes the indentation the non-blank lines share, and trailing white space. */
    static List<String> dedent(List<String> body) {
        int indent = Integer.MAX_VALUE;
        for (String l : body) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String l : body) {
            out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
        }
        return out;
    }

    /**
     * @param readme the README's lines
     * @return the blocks marked as showing a region, in order
     * @throws IllegalArgumentException naming the line of a marker not followed by a fenced block
     */
    static List<Block> blocks(List<String> readme) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            Matcher m = README_MARK.matcher(readme.get(i));
            if (!m.matches()) {
                continue;
            }
            if (i + 1 >= readme.size() || !FENCE.matcher(readme.get(i + 1)).matches()) {
                throw new IllegalArgumentException("README.md:" + (i + 1) + ": " + readme.get(i)
                        + " must be followed by a fenced code block");
            }
            int end = i + 2;
            while (end < readme.size() && !readme.get(end).equals("```")) {
                end++;
            }
            if (end == readme.size()) {
                throw new IllegalArgumentException("README.md:" + (i + 2) + ": the code block is never closed");
            }
            blocks.add(new Block(i, i + 2, end, m.group(1), m.group(2)));
        }
        return blocks;
    }

    /** @return every file under {@code dir} that marks a region, outside build output, relative to {@code dir} */
    static List<Path> markedFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> marked = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Path rel = dir.relativize(f);
                if (rel.startsWith("snippets") || isBuildOutput(rel)) {
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (MARKER.matcher(text).find()) {
                    marked.add(rel);
                }
            }
            return marked;
        }
    }

    private static boolean isBuildOutput(Path rel) {
        for (Path part : rel) {
            if (part.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }
}
