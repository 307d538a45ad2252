package dev.aims.core.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each member and element of a policy document starts, by its path ({@code $.rules[3].limit}), so that a
 * problem found later, by path, can name its line and column. A member is located at its name, so that a problem
 * with an object points at the line that names it, in YAML as in JSON.
 */
final class Locations {
    /** No positions: problems of documents built in code, and of the document as a whole before it was read. */
    static final Locations NONE = new Locations();

    private final Map<String, Long> byPath = new HashMap<>();

    /** Records where {@code path} starts, unless it was recorded before (a duplicate keeps the first). */
    void put(String path, int line, int column) {
        byPath.putIfAbsent(path, pack(line, column));
    }

    /**
     * @return the position of {@code path}, else of its nearest ancestor that has one (a missing field is reported
     *         where its object starts), as {@link #line} and {@link #column} read it; 0 when nothing is known
     */
    long find(String path) {
        Long at = byPath.get(path);
        for (int i = path.length() - 1; at == null && i > 0; i--) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                at = byPath.get(path.substring(0, i));
            }
        }
        return at == null ? 0 : at;
    }

    static long pack(int line, int column) {
        return ((long) Math.max(line, 0) << 32) | Math.max(column, 0);
    }

    /** @return the 1-based line of a position, 0 when unknown */
    static int line(long at) {
        return (int) (at >>> 32);
    }

    /** @return the 1-based column of a position, 0 when unknown */
    static int column(long at) {
        return (int) at;
    }
}
