package dev.aims.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A policy file was refused. It lists every problem found, not just the first, each naming the JSON path of the
 * offending value ({@code $.rules[3].limit}) and what was wrong with it, so that one edit can fix them all. Policy
 * files hold rules, not personal data, so the bad values are quoted (shortened when long).
 */
public final class PolicyValidationException extends IllegalArgumentException {
    /**
     * One problem of a policy file.
     *
     * @param path    the JSON path of the offending value, {@code $} for the document
     * @param message what is wrong, with the bad value
     */
    public record Problem(String path, String message) {
        /**
         * @param path    the JSON path of the offending value
         * @param message what is wrong, with the bad value
         * @throws NullPointerException if an argument is null
         */
        public Problem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

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
            sb.append("\n  ").append(p);
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

    /** @return one line per problem, {@code origin: path: message}, for error output */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            lines.add(origin + ": " + p);
        }
        return lines;
    }
}
