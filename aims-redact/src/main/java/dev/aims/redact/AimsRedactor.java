package dev.aims.redact;

import dev.aims.api.Finding;
import dev.aims.api.Operator;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import dev.aims.redact.internal.Engine;
import dev.aims.redact.internal.SafePattern;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default {@link Redactor}: finds personal data and secrets in one pass over each text (see {@link EntityTypes}
 * for the types and their rules), then masks, replaces, hashes or pseudonymises them per type.
 *
 * <pre>{@code
 * AimsRedactor redactor = AimsRedactor.builder()
 *         .defaultOperator(Operator.PSEUDONYMIZE)
 *         .operator(EntityTypes.CREDIT_CARD, Operator.MASK)
 *         .dictionary("PROJECT", List.of("Falcon", "Blue Harbor"))
 *         .build();
 * RedactionSession session = redactor.open();
 * String safe = session.redact("Mail jane@example.com about Falcon");   // "Mail <EMAIL_ADDRESS_1> about <PROJECT_1>"
 * String answer = session.restore(modelAnswer);                          // originals back in the answer
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@link #open} returns a new, single-threaded session. Text without findings
 * is returned as the same instance, and scanning it allocates nothing.
 */
public final class AimsRedactor implements Redactor {
    /** The operator for every type that has none of its own, unless {@link Builder#defaultOperator} says else. */
    public static final Operator DEFAULT_OPERATOR = Operator.PLACEHOLDER;
    /** The default bound on the number of values one session's pseudonym vault remembers. */
    public static final int DEFAULT_VAULT_MAX_ENTRIES = 10_000;
    /** The default time a session's pseudonym vault keeps its values. */
    public static final Duration DEFAULT_VAULT_TTL = Duration.ofMinutes(15);
    /** The default mask character. */
    public static final char DEFAULT_MASK_CHAR = '*';

    private static final Pattern USER_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,62}");

    private final Engine engine;
    private final Set<String> knownTypes;
    private final Map<String, Operator> operators;
    private final Operator defaultOperator;
    private final byte[] hashKey;
    /** Made when a record first asks for value digests: a redactor only scanning (the CLI) loads no HMAC. */
    private volatile ValueDigester digester;
    private final char maskChar;
    private final int vaultMaxEntries;
    private final Duration vaultTtl;
    private final Clock clock;

    private AimsRedactor(Builder b) {
        Set<String> enabled = b.types == null ? EntityTypes.builtIn() : b.types;
        Set<String> active = new LinkedHashSet<>(enabled);
        active.removeAll(b.disabled);
        Map<String, List<SafePattern>> compiled = new LinkedHashMap<>();
        b.patterns.forEach((type, regexes) -> {
            List<SafePattern> list = new ArrayList<>();
            for (String regex : regexes) {
                list.add(SafePattern.compile(regex));
            }
            compiled.put(type, list);
        });
        this.engine = new Engine(active, b.dictionaries, compiled);
        this.knownTypes = Set.copyOf(engine.typeNames());
        this.operators = Map.copyOf(b.operators);
        this.defaultOperator = b.defaultOperator == null ? DEFAULT_OPERATOR : b.defaultOperator;
        this.hashKey = b.hashKey;
        this.maskChar = b.maskChar == null ? DEFAULT_MASK_CHAR : b.maskChar;
        this.vaultMaxEntries = b.vaultMaxEntries == null ? DEFAULT_VAULT_MAX_ENTRIES : b.vaultMaxEntries;
        this.vaultTtl = b.vaultTtl == null ? DEFAULT_VAULT_TTL : b.vaultTtl;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a redactor with every built-in type enabled and the default operator, {@link Operator#PLACEHOLDER} */
    public static AimsRedactor create() {
        return builder().build();
    }

    /**
     * Finds the entities in a text without changing it.
     *
     * @param text the text
     * @return the findings in text order, not overlapping, as {@code String} indices into {@code text}; an empty
     *     immutable list when there are none
     * @throws NullPointerException if {@code text} is null
     */
    public List<Finding> scan(String text) {
        Objects.requireNonNull(text, "text");
        return engine.scan(text);
    }

    /**
     * Opens a session with the configured operators, replaced for this session by {@code operatorOverrides}.
     *
     * @param operatorOverrides operators by entity type for this session
     * @return a new session
     * @throws IllegalArgumentException if an override names a type this redactor does not know
     * @throws IllegalStateException    if an override asks for {@link Operator#HASH} and no hash key is configured
     */
    @Override
    public RedactionSession open(Map<String, Operator> operatorOverrides) {
        Objects.requireNonNull(operatorOverrides, "operatorOverrides");
        Map<String, Operator> effective = operators;
        if (!operatorOverrides.isEmpty()) {
            effective = new LinkedHashMap<>(operators);
            for (Map.Entry<String, Operator> e : operatorOverrides.entrySet()) {
                String type = e.getKey();
                if (type == null || !knownTypes.contains(type)) {
                    // A policy may choose an operator for a type this redactor does not detect (a dictionary
                    // configured elsewhere); nothing of that type can be found here, so there is nothing to apply.
                    continue;
                }
                Operator op = Objects.requireNonNull(e.getValue(), () -> "operator override for " + type);
                effective.put(type, op);
            }
        }
        return new AimsSession(this, effective);
    }

    Engine engine() {
        return engine;
    }

    Operator operator(Map<String, Operator> effective, String type) {
        Operator op = effective.get(type);
        return op == null ? defaultOperator : op;
    }

    byte[] hashKey() {
        return hashKey;
    }

    ValueDigester digester() {
        ValueDigester d = digester;
        if (d == null) {
            // Two threads may both make one; they are equal (same key), and its fields are final.
            d = new ValueDigester(hashKey);
            digester = d;
        }
        return d;
    }

    char maskChar() {
        return maskChar;
    }

    int vaultMaxEntries() {
        return vaultMaxEntries;
    }

    Duration vaultTtl() {
        return vaultTtl;
    }

    Clock clock() {
        return clock;
    }

    /** @return every type this redactor can report: enabled built-ins, dictionary and pattern types */
    public Set<String> types() {
        return knownTypes;
    }

    @Override
    public String toString() {
        return "AimsRedactor[defaultOperator=" + defaultOperator + ", operators=" + operators + "]";
    }

    /**
     * Configures an {@link AimsRedactor}. Each option may be set once; a second call is refused, so that two
     * configuration sources cannot silently override each other.
     */
    public static final class Builder {
        private Set<String> types;
        private final Set<String> disabled = new LinkedHashSet<>();
        private final Map<String, Operator> operators = new LinkedHashMap<>();
        private Operator defaultOperator;
        private byte[] hashKey;
        private Character maskChar;
        private Integer vaultMaxEntries;
        private Duration vaultTtl;
        private Clock clock;
        private final Map<String, List<String>> dictionaries = new LinkedHashMap<>();
        private final Map<String, List<String>> patterns = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Restricts detection to these built-in types (all are on by default).
         *
         * @param names built-in type names
         * @return this builder
         * @throws NullPointerException     if {@code names} or one of them is null
         * @throws IllegalArgumentException if a name is not a built-in type
         * @throws IllegalStateException    if the types were already set
         */
        public Builder types(Collection<String> names) {
            Objects.requireNonNull(names, "names");
            if (types != null) {
                throw new IllegalStateException("types was already set to " + types);
            }
            Set<String> set = new LinkedHashSet<>();
            for (String name : names) {
                set.add(builtIn(name, "types"));
            }
            types = Collections.unmodifiableSet(set);
            return this;
        }

        /**
         * Restricts detection to these built-in types.
         *
         * @param names built-in type names
         * @return this builder
         * @throws NullPointerException     if a name is null
         * @throws IllegalArgumentException if a name is not a built-in type
         * @throws IllegalStateException    if the types were already set
         */
        public Builder types(String... names) {
            return types(Arrays.asList(Objects.requireNonNull(names, "names")));
        }

        /**
         * Turns a built-in type off.
         *
         * @param name a built-in type name
         * @return this builder
         * @throws NullPointerException     if {@code name} is null
         * @throws IllegalArgumentException if it is not a built-in type
         * @throws IllegalStateException    if it was already disabled
         */
        public Builder disable(String name) {
            builtIn(name, "disable");
            if (!disabled.add(name)) {
                throw new IllegalStateException(name + " was already disabled");
            }
            return this;
        }

        private static String builtIn(String name, String parameter) {
            Objects.requireNonNull(name, parameter);
            if (!EntityTypes.isBuiltIn(name)) {
                throw new IllegalArgumentException(parameter + " must name built-in types " + EntityTypes.builtIn()
                        + ", but was '" + name + "'");
            }
            return name;
        }

        /**
         * Sets the operator of every type that has none of its own; {@link #DEFAULT_OPERATOR} if not set.
         *
         * @param operator the operator
         * @return this builder
         * @throws NullPointerException  if {@code operator} is null
         * @throws IllegalStateException if it was already set
         */
        public Builder defaultOperator(Operator operator) {
            Objects.requireNonNull(operator, "operator");
            if (defaultOperator != null) {
                throw new IllegalStateException("defaultOperator was already set to " + defaultOperator);
            }
            defaultOperator = operator;
            return this;
        }

        /**
         * Sets the operator of one type, built-in or user-defined.
         *
         * @param type     the entity type
         * @param operator the operator
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the type name is not a valid type name
         * @throws IllegalStateException    if this type's operator was already set
         */
        public Builder operator(String type, Operator operator) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(operator, "operator");
            if (!EntityTypes.isBuiltIn(type)) {
                userTypeName(type);
            }
            if (operators.containsKey(type)) {
                throw new IllegalStateException("operator for " + type + " was already set to "
                        + operators.get(type));
            }
            operators.put(type, operator);
            return this;
        }

        /**
         * Sets the HMAC-SHA-256 key of {@link Operator#HASH}, and the key from which the digests that let the
         * evidence count distinct values ({@link RedactionSession#valueDigests()}) are derived. Without one, a
         * random key is made at {@link #build()}, so that the same value hashes alike within this redactor but not
         * across processes: set a key to compare hashes between runs or instances, and for an evidence report to
         * count a value seen before and after a restart once. Keep it apart from the log, as the signing key. The
         * array is copied.
         *
         * @param key at least 16 bytes
         * @return this builder
         * @throws NullPointerException     if {@code key} is null
         * @throws IllegalArgumentException if it is shorter than 16 bytes
         * @throws IllegalStateException    if it was already set
         */
        public Builder hashKey(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length < 16) {
                throw new IllegalArgumentException("hashKey must be at least 16 bytes, but was " + key.length
                        + " bytes");
            }
            if (hashKey != null) {
                throw new IllegalStateException("hashKey was already set");
            }
            hashKey = key.clone();
            return this;
        }

        /**
         * Sets the character {@link Operator#MASK} writes; {@code *} if not set.
         *
         * @param c a character that is not a letter, a digit or whitespace
         * @return this builder
         * @throws IllegalArgumentException if it is a letter, a digit or whitespace
         * @throws IllegalStateException    if it was already set
         */
        public Builder maskChar(char c) {
            if (Character.isLetterOrDigit(c) || Character.isWhitespace(c) || Character.isSurrogate(c)) {
                throw new IllegalArgumentException("maskChar must not be a letter, digit, whitespace or surrogate, "
                        + "but was U+" + String.format("%04X", (int) c));
            }
            if (maskChar != null) {
                throw new IllegalStateException("maskChar was already set to '" + maskChar + "'");
            }
            maskChar = c;
            return this;
        }

        /**
         * Bounds the number of values one session's pseudonym vault remembers; beyond it, pseudonymising fails
         * rather than forget a value. {@link #DEFAULT_VAULT_MAX_ENTRIES} if not set.
         *
         * @param max a positive number
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         * @throws IllegalStateException    if it was already set
         */
        public Builder vaultMaxEntries(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("vaultMaxEntries must be positive, but was " + max);
            }
            if (vaultMaxEntries != null) {
                throw new IllegalStateException("vaultMaxEntries was already set to " + vaultMaxEntries);
            }
            vaultMaxEntries = max;
            return this;
        }

        /**
         * Bounds how long a session's pseudonym vault keeps its values; after that the vault is wiped and
         * {@code restore} leaves placeholders in place. {@link #DEFAULT_VAULT_TTL} if not set.
         *
         * @param ttl a positive duration
         * @return this builder
         * @throws NullPointerException     if {@code ttl} is null
         * @throws IllegalArgumentException if it is not positive
         * @throws IllegalStateException    if it was already set
         */
        public Builder vaultTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isZero() || ttl.isNegative()) {
                throw new IllegalArgumentException("vaultTtl must be positive, but was " + ttl);
            }
            if (vaultTtl != null) {
                throw new IllegalStateException("vaultTtl was already set to " + vaultTtl);
            }
            vaultTtl = ttl;
            return this;
        }

        /**
         * Sets the clock that times the vault; the system UTC clock if not set.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException  if {@code clock} is null
         * @throws IllegalStateException if it was already set
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            if (this.clock != null) {
                throw new IllegalStateException("clock was already set to " + this.clock);
            }
            this.clock = clock;
            return this;
        }

        /**
         * Adds a dictionary: literal terms reported as {@code type} wherever they occur as whole words, in any case.
         * All dictionaries share one automaton.
         *
         * @param type  a user type name, upper case letters, digits and {@code _}, starting with a letter
         * @param terms the terms, none blank
         * @return this builder
         * @throws NullPointerException     if an argument or a term is null
         * @throws IllegalArgumentException if the type name is invalid or built-in, or a term is blank
         * @throws IllegalStateException    if a dictionary of this type was already added
         */
        public Builder dictionary(String type, Collection<String> terms) {
            userTypeName(type);
            Objects.requireNonNull(terms, "terms");
            List<String> list = new ArrayList<>();
            int i = 0;
            for (String term : terms) {
                final int index = i;
                Objects.requireNonNull(term, () -> "dictionary " + type + " term [" + index + "]");
                if (term.isBlank()) {
                    throw new IllegalArgumentException("dictionary " + type + " term [" + i + "] must not be blank");
                }
                list.add(term);
                i++;
            }
            if (dictionaries.containsKey(type)) {
                throw new IllegalStateException("dictionary " + type + " was already added");
            }
            dictionaries.put(type, List.copyOf(list));
            return this;
        }

        /**
         * Adds a user pattern reported as {@code type}. Patterns run in time linear in the text: the syntax is the
         * part of {@code java.util.regex} an automaton can run (no back-references, look-around, atomic groups or
         * possessive quantifiers), matches are leftmost-longest and at most 1,024 characters.
         *
         * @param type  a user type name, upper case letters, digits and {@code _}, starting with a letter
         * @param regex the pattern
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the type name is invalid or built-in, or the pattern cannot run safely
         *                                  (the message names the pattern and the construct)
         * @throws IllegalStateException    if the same pattern was already added for this type
         */
        public Builder pattern(String type, String regex) {
            userTypeName(type);
            Objects.requireNonNull(regex, "regex");
            SafePattern.compile(regex); // fail here, naming the pattern, rather than at build()
            List<String> list = patterns.computeIfAbsent(type, t -> new ArrayList<>());
            if (list.contains(regex)) {
                throw new IllegalStateException("pattern '" + regex + "' was already added for " + type);
            }
            list.add(regex);
            return this;
        }

        private static void userTypeName(String type) {
            Objects.requireNonNull(type, "type");
            if (EntityTypes.isBuiltIn(type)) {
                throw new IllegalArgumentException("a user type must not reuse a built-in name, but was '" + type
                        + "'");
            }
            if (!USER_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("type must be upper-case letters, digits and '_', starting with "
                        + "a letter, at most 63 characters, but was '" + type + "'");
            }
        }

        /**
         * @return the redactor
         * @throws IllegalStateException if an operator names a type that is neither built-in nor defined by a
         *                               dictionary or pattern
         */
        public AimsRedactor build() {
            if (hashKey == null) {
                // HASH must work out of the box, also when a policy picks it per call; without a configured key the
                // hashes are stable for this redactor's lifetime only, which the Javadoc of hashKey says.
                hashKey = new byte[32];
                new java.security.SecureRandom().nextBytes(hashKey);
            }
            for (String type : operators.keySet()) {
                if (!EntityTypes.isBuiltIn(type) && !dictionaries.containsKey(type) && !patterns.containsKey(type)) {
                    throw new IllegalStateException("operator for " + type + " names a type that no dictionary or "
                            + "pattern defines");
                }
            }
            return new AimsRedactor(this);
        }
    }
}
