package dev.aims.redact.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A user pattern compiled to a Thompson NFA and run by a Pike VM: time linear in the text for a given pattern, no
 * backtracking. The accepted syntax is the part of {@code java.util.regex} that an automaton can run: literals and
 * escapes, character classes ({@code [a-z]}, {@code [^…]}, {@code \d \w \s} and their negations), {@code .},
 * groups {@code ( )}, {@code (?: )}, {@code (?<name> )}, alternation, the quantifiers {@code * + ? {n} {n,}
 * {n,m}} (lazy forms accepted, matched longest), the anchors {@code ^ $} (per line) and {@code \b \B}, and a leading
 * {@code (?i)}. Back-references, look-around, atomic groups and possessive quantifiers are refused.
 *
 * <p>Matches are leftmost-longest, non-empty, non-overlapping, and at most {@value #MAX_MATCH} characters long.
 *
 * <p>Not a public API: this package may change without notice.
 */
public final class SafePattern {
    /** The longest match reported; longer runs are reported in pieces of this length. */
    public static final int MAX_MATCH = 1024;
    /** The largest compiled program accepted. */
    static final int MAX_PROGRAM = 20_000;

    private static final int CHAR = 0;
    private static final int CLASS = 1;
    private static final int ANY = 2;
    private static final int SPLIT = 3;
    private static final int JMP = 4;
    private static final int MATCH = 5;
    private static final int BOL = 6;
    private static final int EOL = 7;
    private static final int WORD_BOUNDARY = 8;
    private static final int NOT_WORD_BOUNDARY = 9;

    private final String source;
    private final int[] op;
    private final int[] arg1;
    private final int[] arg2;
    private final CharClass[] classes;
    private final boolean ignoreCase;

    private SafePattern(String source, int[] op, int[] arg1, int[] arg2, CharClass[] classes, boolean ignoreCase) {
        this.source = source;
        this.op = op;
        this.arg1 = arg1;
        this.arg2 = arg2;
        this.classes = classes;
        this.ignoreCase = ignoreCase;
    }

    /**
     * Compiles a pattern.
     *
     * @param regex the pattern
     * @return the compiled pattern
     * @throws IllegalArgumentException if the pattern is null, empty, malformed, matches the empty string, or uses
     *     a construct that cannot run in linear time; the message names the pattern and the construct
     */
    public static SafePattern compile(String regex) {
        if (regex == null) {
            throw new IllegalArgumentException("pattern must not be null");
        }
        if (regex.isEmpty()) {
            throw new IllegalArgumentException("pattern must not be empty");
        }
        Parser p = new Parser(regex);
        Node root = p.parse();
        if (root.nullable()) {
            throw new IllegalArgumentException("pattern '" + regex + "' matches the empty string");
        }
        Compiler c = new Compiler(regex);
        c.emit(root);
        c.add(MATCH, 0, 0);
        return new SafePattern(regex, c.op(), c.arg1(), c.arg2(), p.classes.toArray(new CharClass[0]),
                p.ignoreCase);
    }

    /** @return the pattern as written */
    public String pattern() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /** Records a hit of type {@code type} for every match in {@code s}. */
    void find(String s, int type, Work w) {
        int n = s.length();
        int size = op.length;
        int[] clistPc = new int[size];
        int[] clistStart = new int[size];
        int[] nlistPc = new int[size];
        int[] nlistStart = new int[size];
        int[] mark = new int[size];
        int[] stack = new int[size * 2 + 2];
        int generation = 0;
        int pos = 0;
        while (pos < n) {
            int ccount = 0;
            int matchStart = -1;
            int matchEnd = -1;
            int current = ++generation;
            for (int p = pos; p <= n; p++) {
                int ncount = 0;
                // a new thread starts here unless a match has begun earlier
                if (matchStart < 0 && p < n) {
                    ccount = addThread(clistPc, clistStart, ccount, 0, p, p, s, mark, current, stack);
                }
                if (ccount == 0) {
                    if (matchStart >= 0 || p >= n) {
                        break;
                    }
                    current = ++generation;
                    continue;
                }
                int next = ++generation;
                char c = p < n ? s.charAt(p) : '\0';
                for (int t = 0; t < ccount; t++) {
                    int pc = clistPc[t];
                    int start = clistStart[t];
                    if (matchStart >= 0 && start > matchStart) {
                        continue;
                    }
                    switch (op[pc]) {
                        case MATCH:
                            if (p > start && (matchStart < 0 || start < matchStart
                                    || (start == matchStart && p > matchEnd))) {
                                matchStart = start;
                                matchEnd = p;
                            }
                            break;
                        case CHAR:
                            if (p < n && p - start < MAX_MATCH && same(c, (char) arg1[pc])) {
                                ncount = addThread(nlistPc, nlistStart, ncount, pc + 1, start, p + 1, s, mark,
                                        next, stack);
                            }
                            break;
                        case CLASS:
                            if (p < n && p - start < MAX_MATCH && classes[arg1[pc]].matches(c, ignoreCase)) {
                                ncount = addThread(nlistPc, nlistStart, ncount, pc + 1, start, p + 1, s, mark,
                                        next, stack);
                            }
                            break;
                        case ANY:
                            if (p < n && p - start < MAX_MATCH && c != '\n' && c != '\r') {
                                ncount = addThread(nlistPc, nlistStart, ncount, pc + 1, start, p + 1, s, mark,
                                        next, stack);
                            }
                            break;
                        default:
                            break;
                    }
                }
                int[] tp = clistPc;
                clistPc = nlistPc;
                nlistPc = tp;
                int[] ts = clistStart;
                clistStart = nlistStart;
                nlistStart = ts;
                ccount = ncount;
                current = next;
                if (matchStart >= 0) {
                    boolean alive = false;
                    for (int t = 0; t < ccount; t++) {
                        if (clistStart[t] <= matchStart) {
                            alive = true;
                            break;
                        }
                    }
                    if (!alive) {
                        break;
                    }
                }
            }
            if (matchStart < 0) {
                break;
            }
            w.add(matchStart, matchEnd, type);
            pos = matchEnd;
        }
    }

    private boolean same(char a, char b) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }

    /** Adds a thread at {@code pc} and everything reachable from it without reading a character. */
    private int addThread(int[] pcs, int[] starts, int count, int pc0, int start, int p, String s, int[] mark,
            int generation, int[] stack) {
        int sp = 0;
        stack[sp++] = pc0;
        while (sp > 0) {
            int pc = stack[--sp];
            if (mark[pc] == generation) {
                continue;
            }
            mark[pc] = generation;
            switch (op[pc]) {
                case JMP:
                    stack[sp++] = arg1[pc];
                    break;
                case SPLIT:
                    // arg1 has priority: push it last so it is taken first
                    stack[sp++] = arg2[pc];
                    stack[sp++] = arg1[pc];
                    break;
                case BOL:
                    if (p == 0 || s.charAt(p - 1) == '\n') {
                        stack[sp++] = pc + 1;
                    }
                    break;
                case EOL:
                    if (p == s.length() || s.charAt(p) == '\n' || s.charAt(p) == '\r') {
                        stack[sp++] = pc + 1;
                    }
                    break;
                case WORD_BOUNDARY:
                case NOT_WORD_BOUNDARY:
                    boolean before = p > 0 && wordChar(s.charAt(p - 1));
                    boolean after = p < s.length() && wordChar(s.charAt(p));
                    if ((before != after) == (op[pc] == WORD_BOUNDARY)) {
                        stack[sp++] = pc + 1;
                    }
                    break;
                default:
                    pcs[count] = pc;
                    starts[count] = start;
                    count++;
                    break;
            }
        }
        return count;
    }

    private static boolean wordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    // ------------------------------------------------------------------------------------------------ syntax tree

    private abstract static class Node {
        abstract boolean nullable();
    }

    private static final class Leaf extends Node {
        final int op;
        final int arg;

        Leaf(int op, int arg) {
            this.op = op;
            this.arg = arg;
        }

        @Override
        boolean nullable() {
            return op >= BOL;
        }
    }

    private static final class Concat extends Node {
        final List<Node> parts;

        Concat(List<Node> parts) {
            this.parts = parts;
        }

        @Override
        boolean nullable() {
            for (Node part : parts) {
                if (!part.nullable()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Alt extends Node {
        final List<Node> options;

        Alt(List<Node> options) {
            this.options = options;
        }

        @Override
        boolean nullable() {
            for (Node option : options) {
                if (option.nullable()) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Repeat extends Node {
        final Node body;
        final int min;
        final int max; // -1: unbounded

        Repeat(Node body, int min, int max) {
            this.body = body;
            this.min = min;
            this.max = max;
        }

        @Override
        boolean nullable() {
            return min == 0 || body.nullable();
        }
    }

    /** A set of characters as sorted, inclusive ranges. */
    static final class CharClass {
        private final List<int[]> ranges = new ArrayList<>();
        boolean negated;

        void add(int from, int to) {
            ranges.add(new int[] {from, to});
        }

        void addAll(CharClass other) {
            ranges.addAll(other.ranges);
        }

        boolean matches(char c, boolean ignoreCase) {
            boolean in = contains(c) || (ignoreCase && (contains(Character.toLowerCase(c))
                    || contains(Character.toUpperCase(c))));
            return in != negated;
        }

        private boolean contains(char c) {
            for (int[] r : ranges) {
                if (c >= r[0] && c <= r[1]) {
                    return true;
                }
            }
            return false;
        }

        static CharClass named(char name) {
            CharClass c = new CharClass();
            switch (Character.toLowerCase(name)) {
                case 'd':
                    c.add('0', '9');
                    break;
                case 'w':
                    c.add('a', 'z');
                    c.add('A', 'Z');
                    c.add('0', '9');
                    c.add('_', '_');
                    break;
                default: // s
                    c.add(' ', ' ');
                    c.add('\t', '\r');
                    break;
            }
            c.negated = Character.isUpperCase(name);
            return c;
        }
    }

    // ------------------------------------------------------------------------------------------------ parser

    private static final class Parser {
        private final String re;
        private int pos;
        final List<CharClass> classes = new ArrayList<>();
        boolean ignoreCase;

        Parser(String re) {
            this.re = re;
        }

        Node parse() {
            if (re.startsWith("(?i)")) {
                ignoreCase = true;
                pos = 4;
            }
            Node n = alternation();
            if (pos < re.length()) {
                throw error("unbalanced ')'");
            }
            return n;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("pattern '" + re + "' cannot be used: " + what + " at index " + pos);
        }

        private Node alternation() {
            List<Node> options = new ArrayList<>();
            options.add(concatenation());
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                options.add(concatenation());
            }
            return options.size() == 1 ? options.get(0) : new Alt(options);
        }

        private Node concatenation() {
            List<Node> parts = new ArrayList<>();
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                parts.add(repetition());
            }
            return parts.size() == 1 ? parts.get(0) : new Concat(parts);
        }

        private Node repetition() {
            Node atom = atom();
            while (pos < re.length()) {
                char c = re.charAt(pos);
                int min;
                int max;
                if (c == '*') {
                    min = 0;
                    max = -1;
                    pos++;
                } else if (c == '+') {
                    min = 1;
                    max = -1;
                    pos++;
                } else if (c == '?') {
                    min = 0;
                    max = 1;
                    pos++;
                } else if (c == '{' && pos + 1 < re.length() && Character.isDigit(re.charAt(pos + 1))) {
                    pos++;
                    min = number();
                    max = min;
                    if (pos < re.length() && re.charAt(pos) == ',') {
                        pos++;
                        max = pos < re.length() && Character.isDigit(re.charAt(pos)) ? number() : -1;
                    }
                    if (pos >= re.length() || re.charAt(pos) != '}') {
                        throw error("unclosed repetition '{'");
                    }
                    pos++;
                    if (max >= 0 && max < min) {
                        throw error("repetition {" + min + "," + max + "} with max below min");
                    }
                    if (min > 1000 || max > 1000) {
                        throw error("repetition bound above 1000");
                    }
                } else {
                    break;
                }
                if (pos < re.length() && re.charAt(pos) == '+') {
                    throw error("possessive quantifier (backtracking control)");
                }
                if (pos < re.length() && re.charAt(pos) == '?') {
                    pos++; // lazy: same language, matched longest
                }
                if (atom instanceof Leaf && ((Leaf) atom).op >= BOL) {
                    throw error("quantified anchor");
                }
                atom = new Repeat(atom, min, max);
            }
            return atom;
        }

        private int number() {
            int start = pos;
            while (pos < re.length() && Character.isDigit(re.charAt(pos))) {
                pos++;
                if (pos - start > 5) {
                    throw error("repetition bound above 1000");
                }
            }
            return Integer.parseInt(re.substring(start, pos));
        }

        private Node atom() {
            char c = re.charAt(pos);
            switch (c) {
                case '(':
                    pos++;
                    if (re.startsWith("?", pos)) {
                        if (re.startsWith("?:", pos)) {
                            pos += 2;
                        } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
                            throw error("look-behind");
                        } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
                            throw error("look-ahead");
                        } else if (re.startsWith("?>", pos)) {
                            throw error("atomic group (backtracking control)");
                        } else if (re.startsWith("?<", pos)) {
                            int close = re.indexOf('>', pos);
                            if (close < 0) {
                                throw error("unclosed group name");
                            }
                            pos = close + 1;
                        } else {
                            throw error("inline flag or group construct '(" + re.substring(pos, Math.min(
                                    re.length(), pos + 2)) + "' (only a leading (?i) is supported)");
                        }
                    }
                    Node inner = alternation();
                    if (pos >= re.length() || re.charAt(pos) != ')') {
                        throw error("unclosed group '('");
                    }
                    pos++;
                    return inner;
                case '[':
                    return charClass();
                case '.':
                    pos++;
                    return new Leaf(ANY, 0);
                case '^':
                    pos++;
                    return new Leaf(BOL, 0);
                case '$':
                    pos++;
                    return new Leaf(EOL, 0);
                case '\\':
                    return escape();
                case '*':
                case '+':
                case '?':
                    throw error("quantifier '" + c + "' with nothing to repeat");
                default:
                    pos++;
                    return new Leaf(CHAR, c);
            }
        }

        private Node escape() {
            pos++;
            if (pos >= re.length()) {
                throw error("trailing backslash");
            }
            char c = re.charAt(pos++);
            switch (c) {
                case 'd':
                case 'D':
                case 'w':
                case 'W':
                case 's':
                case 'S':
                    return classLeaf(CharClass.named(c));
                case 'b':
                    return new Leaf(WORD_BOUNDARY, 0);
                case 'B':
                    return new Leaf(NOT_WORD_BOUNDARY, 0);
                case 'k':
                    throw error("back-reference");
                default:
                    if (c >= '1' && c <= '9') {
                        throw error("back-reference \\" + c);
                    }
                    return new Leaf(CHAR, escapedChar(c));
            }
        }

        private char escapedChar(char c) {
            switch (c) {
                case 'n':
                    return '\n';
                case 't':
                    return '\t';
                case 'r':
                    return '\r';
                case 'f':
                    return '\f';
                case '0':
                    return '\0';
                case 'x':
                    return (char) hex(2);
                case 'u':
                    return (char) hex(4);
                default:
                    if (Character.isLetterOrDigit(c)) {
                        throw error("unsupported escape \\" + c);
                    }
                    return c;
            }
        }

        private int hex(int digits) {
            if (pos + digits > re.length()) {
                throw error("short hex escape");
            }
            try {
                int v = Integer.parseInt(re.substring(pos, pos + digits), 16);
                pos += digits;
                return v;
            } catch (NumberFormatException e) {
                throw error("bad hex escape");
            }
        }

        private Node classLeaf(CharClass cc) {
            classes.add(cc);
            return new Leaf(CLASS, classes.size() - 1);
        }

        private Node charClass() {
            pos++;
            CharClass cc = new CharClass();
            if (pos < re.length() && re.charAt(pos) == '^') {
                cc.negated = true;
                pos++;
            }
            boolean first = true;
            while (true) {
                if (pos >= re.length()) {
                    throw error("unclosed character class '['");
                }
                char c = re.charAt(pos);
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                if (c == '[') {
                    throw error("nested character class");
                }
                int from;
                if (c == '\\') {
                    pos++;
                    if (pos >= re.length()) {
                        throw error("trailing backslash");
                    }
                    char e = re.charAt(pos++);
                    if ("dDwWsS".indexOf(e) >= 0) {
                        CharClass named = CharClass.named(e);
                        if (named.negated) {
                            throw error("negated class \\" + e + " inside []");
                        }
                        cc.addAll(named);
                        continue;
                    }
                    from = escapedChar(e);
                } else {
                    pos++;
                    from = c;
                }
                if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                    pos++;
                    char t = re.charAt(pos++);
                    int to = t;
                    if (t == '\\') {
                        if (pos >= re.length()) {
                            throw error("trailing backslash");
                        }
                        to = escapedChar(re.charAt(pos++));
                    }
                    if (to < from) {
                        throw error("range out of order");
                    }
                    cc.add(from, to);
                } else {
                    cc.add(from, from);
                }
            }
            return classLeaf(cc);
        }
    }

    // ------------------------------------------------------------------------------------------------ compiler

    private static final class Compiler {
        private final String re;
        private int[] op = new int[64];
        private int[] a1 = new int[64];
        private int[] a2 = new int[64];
        private int size;

        Compiler(String re) {
            this.re = re;
        }

        int add(int o, int x, int y) {
            if (size == MAX_PROGRAM) {
                throw new IllegalArgumentException("pattern '" + re + "' cannot be used: it compiles to more than "
                        + MAX_PROGRAM + " instructions");
            }
            if (size == op.length) {
                op = java.util.Arrays.copyOf(op, size * 2);
                a1 = java.util.Arrays.copyOf(a1, size * 2);
                a2 = java.util.Arrays.copyOf(a2, size * 2);
            }
            op[size] = o;
            a1[size] = x;
            a2[size] = y;
            return size++;
        }

        void emit(Node node) {
            if (node instanceof Leaf) {
                Leaf leaf = (Leaf) node;
                add(leaf.op, leaf.arg, 0);
            } else if (node instanceof Concat) {
                for (Node part : ((Concat) node).parts) {
                    emit(part);
                }
            } else if (node instanceof Alt) {
                List<Node> options = ((Alt) node).options;
                List<Integer> jumps = new ArrayList<>();
                for (int k = 0; k < options.size(); k++) {
                    if (k < options.size() - 1) {
                        int split = add(SPLIT, 0, 0);
                        a1[split] = size;
                        emit(options.get(k));
                        jumps.add(add(JMP, 0, 0));
                        a2[split] = size;
                    } else {
                        emit(options.get(k));
                    }
                }
                for (int j : jumps) {
                    a1[j] = size;
                }
            } else {
                Repeat r = (Repeat) node;
                for (int k = 0; k < r.min; k++) {
                    emit(r.body);
                }
                if (r.max < 0) {
                    int split = add(SPLIT, 0, 0);
                    a1[split] = size;
                    emit(r.body);
                    add(JMP, split, 0);
                    a2[split] = size;
                } else {
                    List<Integer> splits = new ArrayList<>();
                    for (int k = r.min; k < r.max; k++) {
                        int split = add(SPLIT, 0, 0);
                        a1[split] = size;
                        splits.add(split);
                        emit(r.body);
                    }
                    for (int split : splits) {
                        a2[split] = size;
                    }
                }
            }
        }

        int[] op() {
            return java.util.Arrays.copyOf(op, size);
        }

        int[] arg1() {
            return java.util.Arrays.copyOf(a1, size);
        }

        int[] arg2() {
            return java.util.Arrays.copyOf(a2, size);
        }
    }
}
