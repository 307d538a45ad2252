package dev.aims.core.policy;

import dev.aims.api.PolicySet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;

/**
 * A validated policy document: its version, its rules and the hash the loaded {@link PolicySet} will carry. Reading
 * one needs nothing but the text, so {@code aims policy check} and reviewers' tooling can validate a file without
 * the runtime pieces ({@link PolicyLoader} adds those to turn it into policies).
 *
 * <p>A policy file is JSON or YAML, chosen by its name ({@link Format#of(Path)}): the same document in either, checked
 * the same way, with the same hash. Every problem names its path, line and column. The format is described by a JSON
 * Schema, {@value #SCHEMA_RESOURCE} in this jar (and {@code examples/aims-policy.schema.json}), which editors use
 * when the document names it in {@code "$schema"}; the schema helps writing, this class decides.
 *
 * <p>The document ({@code "schema": "aims-policy/v1"}) holds a {@code version}, optional {@code description},
 * custom {@code entityTypes} and quota {@code store}, and {@code rules}; each rule has an {@code id}, a {@code type}
 * ({@code model-allow-list}, {@code token-budget}, {@code rate-limit}, {@code sensitive-data}, {@code purpose},
 * {@code output}, {@code prompt-injection}), an optional {@code mode} ({@code enforce} or {@code shadow}), optional
 * {@code scope} ({@code systems}, {@code tenants}, {@code purposes}, {@code principals}, {@code models}: names or
 * globs) and its type's parameters; see the package documentation. Immutable.
 */
public final class PolicyFile {
    /** The JSON Schema of the format, a class-path resource of this jar. */
    public static final String SCHEMA_RESOURCE = "/dev/aims/core/policy/aims-policy.schema.json";

    /** The two notations of a policy document. */
    public enum Format {
        /** JSON (RFC 8259), strict: no comments, no trailing commas. */
        JSON,
        /** YAML 1.1, as far as it says what JSON says: no aliases, one document. */
        YAML;

        /**
         * @param path a policy file
         * @return {@link #YAML} when its name ends in {@code .yaml} or {@code .yml} (any case), else {@link #JSON}
         * @throws NullPointerException if the path is null
         */
        public static Format of(Path path) {
            Path name = Objects.requireNonNull(path, "path").getFileName();
            String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".yaml") || n.endsWith(".yml") ? YAML : JSON;
        }
    }

    /**
     * One rule as a reviewer sees it.
     *
     * @param id          the rule's id
     * @param type        its type's wire name, e.g. {@code token-budget}
     * @param version     its version (the document's unless it sets its own)
     * @param mode        {@code enforce} or {@code shadow}
     * @param scope       where it applies, e.g. {@code systems=[support-*]}, or {@code everywhere}
     * @param fingerprint its canonical JSON form, which the set's hash covers
     */
    public record Rule(String id, String type, String version, String mode, String scope, String fingerprint) {
    }

    private final String origin;
    private final PolicyParser.Document document;
    private final Locations locations;
    private final List<Rule> rules;
    private final String hash;

    private PolicyFile(String origin, PolicyParser.Document document, Locations locations) {
        this.origin = origin;
        this.document = document;
        this.locations = locations;
        List<Rule> rules = new ArrayList<>();
        for (RuleSpec s : document.rules()) {
            rules.add(new Rule(s.id, s.type.wireName, s.version, s.mode(), s.scope.describe(), s.fingerprint));
        }
        this.rules = List.copyOf(rules);
        this.hash = hash(document.rules());
    }

    /**
     * Reads and validates a policy file: UTF-8, at most 1 MiB, YAML when its name ends in {@code .yaml} or
     * {@code .yml}, else JSON.
     *
     * @param path the file
     * @return the validated document
     * @throws IOException                if the file cannot be read
     * @throws PolicyValidationException listing every problem of the file
     * @throws NullPointerException       if the path is null
     */
    public static PolicyFile read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        String origin = path.toString();
        long size = Files.size(path);
        if (size > 4L * PolicyParser.MAX_CHARS) {
            throw new PolicyValidationException(origin, List.of(new PolicyValidationException.Problem("$",
                    "the file has " + size + " bytes, more than a policy document may")));
        }
        return fromBytes(Files.readAllBytes(path), Format.of(path), origin);
    }

    /** Validates a document given as UTF-8 bytes. */
    static PolicyFile fromBytes(byte[] bytes, Format format, String origin) {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyValidationException(origin, List.of(new PolicyValidationException.Problem("$",
                    "is not valid UTF-8")));
        }
        return parse(json, origin, format);
    }

    /**
     * Validates a policy document given as JSON text.
     *
     * @param json   the document
     * @param origin where it came from, named in problems
     * @return the validated document
     * @throws PolicyValidationException listing every problem of the document
     * @throws NullPointerException       if an argument is null
     */
    public static PolicyFile parse(String json, String origin) {
        return parse(json, origin, Format.JSON);
    }

    /**
     * Validates a policy document given as text.
     *
     * @param text   the document
     * @param origin where it came from, named in problems
     * @param format how it is written
     * @return the validated document
     * @throws PolicyValidationException listing every problem of the document
     * @throws NullPointerException       if an argument is null
     */
    public static PolicyFile parse(String text, String origin, Format format) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(format, "format");
        Locations locations = new Locations();
        return new PolicyFile(origin, PolicyParser.parse(text, format, origin, locations), locations);
    }

    /** @return where the document came from */
    public String origin() {
        return origin;
    }

    /** @return the document's version */
    public String version() {
        return document.version();
    }

    /** @return the document's description, if it has one */
    public Optional<String> description() {
        return Optional.ofNullable(document.description());
    }

    /** @return the custom entity types the document declares */
    public Set<String> entityTypes() {
        return document.customTypes();
    }

    /** @return the rules, in evaluation order */
    public List<Rule> rules() {
        return rules;
    }

    /** @return the hash of the set these rules load into, equal to {@link PolicySet#hash()} of the loaded set */
    public String hash() {
        return hash;
    }

    List<RuleSpec> specs() {
        return document.rules();
    }

    /** @return where each member of the document starts, for problems found when it is loaded */
    Locations locations() {
        return locations;
    }

    private static String hash(List<RuleSpec> specs) {
        // The same digest as PolicySet's over the policies' fingerprints, so that the two always agree.
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RuleSpec s : specs) {
                sha.update(s.fingerprint.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "PolicyFile{origin=" + origin + ", version=" + version() + ", rules=" + rules.size() + ", hash=" + hash
                + "}";
    }
}
