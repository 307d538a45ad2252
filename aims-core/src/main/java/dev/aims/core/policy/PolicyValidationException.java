package dev.aims.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A policy file was refused. It lists every problem found, not just the first, each naming the path of the
 * offending value ({@code $.rules[3].limit}), the line and column where it starts in the file (JSON or YAML) and
 * what was wrong with it, so that one edit can fix them all. A message never quotes a value the file gives as free
 * text (a scope may name principals, a store URI may carry a host): it names the field and says what kind of value
 * it found; names the format itself defines (options such as {@code allow}, entity types, rule ids) may appear.
 */
public final class PolicyValidationException extends IllegalArgumentException {
    /**
     * One problem of a policy file.
     *
     * @param path    the path of the offending value, {@code $} for the document
     * @param line    the 1-based line where it starts in the file, 0 when unknown
     * @param column  the 1-based column where it starts in the file, 0 when unknown
     * @param message what is wrong
     */
    public record Problem(String path, int line, int column, String message) {
        /**
         * @param path    the path of the offending value
         * @param line    the 1-based line where it starts, 0 when unknown
         * @param column  the 1-based column where it starts, 0 when unknown
         * @param message what is wrong
         * @throws NullPointerException     if {@code path} or {@code message} is null
         * @throws IllegalArgumentException if {@code line} or {@code column} is negative
         */
        public Problem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
            if (line < 0 || column < 0) {
                throw new IllegalArgumentException("line and column must be >= 0, but were " + line + " and "
                        + column);
            }
        }

        /**
         * A problem whose place in the file is not known.
         *
         * @param path    the path of the offending value
         * @param message what is wrong
         * @throws NullPointerException if an argument is null
         */
        public Problem(String path, String message) {
            this(path, 0, 0, message);
        }

        /** @return {@code path: message}, without the place (see {@link PolicyValidationException#lines()}) */
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** Where the policy came from. */
    private final String origin;
    /** Every problem, in document order. */
    private final List<Problem> problems;

    /**
     * @param origin   where the policy came from, a file name
     * @param problems what is wrong, at least one
     * @throws IllegalArgumentException if {@code problems} is empty
     * @throws NullPointerException     if an argument is null
     */
    public PolicyValidationException(String origin, List<Problem> problems) {
        super(message(origin, problems));
        this.origin = origin;
        this.problems = List.copyOf(problems);
    }

    private static String message(String origin, List<Problem> problems) {
        Objects.requireNonNull(origin, "origin");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a PolicyValidationException needs at least one problem");
        }
        StringBuilder sb = new StringBuilder("policy ").append(origin).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (Problem p : problems) {
            sb.append("\n  ");
            if (p.line() > 0) {
                sb.append("line ").append(p.line()).append(", column ").append(p.column()).append(": ");
            }
            sb.append(p);
        }
        return sb.toString();
    }

    /** @return where the policy came from */
    public String origin() {
        return origin;
    }

    /** @return every problem, in document order */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * @return one line per problem for error output, {@code origin:line:column: path: message} as compilers write
     *         them (editors jump to the place), or {@code origin: path: message} when the place is not known
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            lines.add(origin + (p.line() == 0 ? ": " : ":" + p.line() + ":" + p.column() + ": ") + p);
        }
        return lines;
    }
}
