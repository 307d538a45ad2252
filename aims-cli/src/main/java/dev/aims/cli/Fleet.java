package dev.aims.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the evidence commands share when given several directories, one per instance of a fleet. */
final class Fleet {
    private Fleet() {
    }

    /**
     * @return the usage error of a list of evidence paths (one missing, or one given twice), or null when they
     *         are fine
     */
    static String checkPaths(String command, List<Path> paths) {
        Set<Path> seen = new HashSet<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                return "aims " + command + ": " + p + ": no such file or directory";
            }
            if (!seen.add(p.toAbsolutePath().normalize())) {
                return "aims " + command + ": " + p + ": given twice; each instance's evidence is counted once";
            }
        }
        return null;
    }

    /** @return {@code DIR} for one path, {@code 3 evidence directories (A, B, C)} for several */
    static String describe(List<Path> paths) {
        if (paths.size() == 1) {
            return paths.get(0).toString();
        }
        StringBuilder b = new StringBuilder().append(paths.size()).append(" evidence directories (");
        for (int i = 0; i < paths.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(paths.get(i));
        }
        return b.append(')').toString();
    }
}
