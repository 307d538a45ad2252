package dev.aims.redact.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Aho-Corasick automaton for all the literal terms of all user dictionaries: case-insensitive, whole words
 * only, linear in the text whatever the number of terms.
 */
final class Dictionary {
    /** Per state: sorted transition characters and their targets. */
    private final char[][] keys;
    private final int[][] targets;
    private final int[] fail;
    /** Per state: length and type of the longest term ending here, or 0. */
    private final int[] termLength;
    private final int[] termType;
    /** Per state: the nearest state on the failure chain that ends a term, or -1. */
    private final int[] outputLink;

    private Dictionary(char[][] keys, int[][] targets, int[] fail, int[] termLength, int[] termType,
            int[] outputLink) {
        this.keys = keys;
        this.targets = targets;
        this.fail = fail;
        this.termLength = termLength;
        this.termType = termType;
        this.outputLink = outputLink;
    }

    /** @return the length of the longest term */
    int longestTerm() {
        int max = 0;
        for (int length : termLength) {
            max = Math.max(max, length);
        }
        return max;
    }

    /** Records a hit for every whole-word occurrence of a term. */
    void find(String s, Work w) {
        int n = s.length();
        int state = 0;
        for (int i = 0; i < n; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            state = step(state, c);
            for (int o = termLength[state] > 0 ? state : outputLink[state]; o > 0; o = outputLink[o]) {
                int start = i + 1 - termLength[o];
                int end = i + 1;
                if ((start == 0 || !Chars.word(s.charAt(start - 1))) && (end == n || !Chars.word(s.charAt(end)))) {
                    w.add(start, end, termType[o]);
                }
            }
        }
    }

    private int step(int state, char c) {
        while (true) {
            int k = Arrays.binarySearch(keys[state], c);
            if (k >= 0) {
                return targets[state][k];
            }
            if (state == 0) {
                return 0;
            }
            state = fail[state];
        }
    }

    /** Collects terms, then builds the automaton. */
    static final class Builder {
        private final List<Map<Character, Integer>> edges = new ArrayList<>();
        private final List<int[]> terms = new ArrayList<>();

        Builder() {
            edges.add(new TreeMap<>());
            terms.add(new int[] {0, 0});
        }

        boolean isEmpty() {
            return edges.size() == 1;
        }

        void add(String term, int type) {
            if (term == null) {
                throw new IllegalArgumentException("dictionary term must not be null");
            }
            String t = Evasion.fold(term.strip()).text();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("dictionary term must not be blank, but was '" + term + "'");
            }
            int state = 0;
            for (int i = 0; i < t.length(); i++) {
                char c = Character.toLowerCase(t.charAt(i));
                Integer next = edges.get(state).get(c);
                if (next == null) {
                    edges.add(new TreeMap<>());
                    terms.add(new int[] {0, 0});
                    next = edges.size() - 1;
                    edges.get(state).put(c, next);
                }
                state = next;
            }
            terms.get(state)[0] = t.length();
            terms.get(state)[1] = type;
        }

        Dictionary build() {
            int size = edges.size();
            char[][] keys = new char[size][];
            int[][] targets = new int[size][];
            int[] termLength = new int[size];
            int[] termType = new int[size];
            for (int s = 0; s < size; s++) {
                Map<Character, Integer> e = edges.get(s);
                keys[s] = new char[e.size()];
                targets[s] = new int[e.size()];
                int k = 0;
                for (Map.Entry<Character, Integer> entry : e.entrySet()) {
                    keys[s][k] = entry.getKey();
                    targets[s][k] = entry.getValue();
                    k++;
                }
                termLength[s] = terms.get(s)[0];
                termType[s] = terms.get(s)[1];
            }
            int[] fail = new int[size];
            int[] outputLink = new int[size];
            Arrays.fill(outputLink, -1);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int t : targets[0]) {
                fail[t] = 0;
                queue.add(t);
            }
            while (!queue.isEmpty()) {
                int s = queue.poll();
                for (int k = 0; k < keys[s].length; k++) {
                    char c = keys[s][k];
                    int t = targets[s][k];
                    int f = fail[s];
                    while (true) {
                        int j = Arrays.binarySearch(keys[f], c);
                        if (j >= 0 && targets[f][j] != t) {
                            fail[t] = targets[f][j];
                            break;
                        }
                        if (f == 0) {
                            fail[t] = 0;
                            break;
                        }
                        f = fail[f];
                    }
                    int ft = fail[t];
                    outputLink[t] = termLength[ft] > 0 ? ft : outputLink[ft];
                    queue.add(t);
                }
            }
            return new Dictionary(keys, targets, fail, termLength, termType, outputLink);
        }
    }
}
