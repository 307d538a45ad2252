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
import java.util.Set;

/**
 * A validated policy document: its version, its rules and the hash the loaded {@link PolicySet} will carry. Reading
 * one needs nothing but the text, so {@code aims policy check} and reviewers' tooling can validate a file without
 * the runtime pieces ({@link PolicyLoader} adds those to turn it into policies).
 *
 * <p>The document ({@code "schema": "aims-policy/v1"}) holds a {@code version}, optional {@code description},
 * custom {@code entityTypes} and quota {@code store}, and {@code rules}; each rule has an {@code id}, a {@code type}
 * ({@code model-allow-list}, {@code token-budget}, {@code rate-limit}, {@code sensitive-data}, {@code purpose},
 * {@code output}, {@code prompt-injection}), an optional {@code mode} ({@code enforce} or {@code shadow}), optional
 * {@code scope} ({@code systems}, {@code tenants}, {@code purposes}, {@code principals}, {@code models}: names or
 * globs) and its type's parameters; see the package documentation. Immutable.
 */
public final class PolicyFile {
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
    private final List<Rule> rules;
    private final String hash;

    private PolicyFile(String origin, PolicyParser.Document document) {
        this.origin = origin;
        this.document = document;
        List<Rule> rules = new ArrayList<>();
        for (RuleSpec s : document.rules()) {
            rules.add(new Rule(s.id, s.type.wireName, s.version, s.mode(), s.scope.describe(), s.fingerprint));
        }
        this.rules = List.copyOf(rules);
        this.hash = hash(document.rules());
    }

    /**
     * Reads and validates a policy file (UTF-8 JSON, at most 1 MiB).
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
        return fromBytes(Files.readAllBytes(path), origin);
    }

    /** Validates a document given as UTF-8 bytes. */
    static PolicyFile fromBytes(byte[] bytes, String origin) {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyValidationException(origin, List.of(new PolicyValidationException.Problem("$",
                    "is not valid UTF-8")));
        }
        return parse(json, origin);
    }

    /**
     * Validates a policy document given as text.
     *
     * @param json   the document
     * @param origin where it came from, named in problems
     * @return the validated document
     * @throws PolicyValidationException listing every problem of the document
     * @throws NullPointerException       if an argument is null
     */
    public static PolicyFile parse(String json, String origin) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(origin, "origin");
        return new PolicyFile(origin, PolicyParser.parse(json, origin));
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
