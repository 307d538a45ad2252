package dev.aims.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.Finding;
import dev.aims.api.Operator;
import dev.aims.api.RedactionSession;
import dev.aims.redact.AimsRedactor;
import dev.aims.redact.EntityTypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aims redact}: finds personal data and secrets in text and writes it redacted. Exit status 0 when nothing
 * was found, 1 when something was found or an input line was malformed, 2 on wrong usage.
 */
@Command(name = "redact", mixinStandardHelpOptions = true,
        description = {"Find personal data and secrets in text and write it redacted.",
            "Exit status: 0 nothing found, 1 something found or a malformed --jsonl line, 2 wrong usage."})
final class RedactCommand implements Callable<Integer> {
    /** Output formats of a single text. */
    enum Format {
        text, json
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The text to redact; standard input if absent or '-'.")
    private String file;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: the redacted text; json: {\"text\", \"findings\": [{\"type\", \"start\", \"end\", "
                    + "\"score\"}]}. Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = "--jsonl", description = "Read JSON lines {\"id\", \"text\"}; write one line {\"id\", \"text\", "
            + "\"findings\": [{\"type\", \"start\", \"end\"}]} per input line, offsets into the input text.")
    private boolean jsonl;

    @Option(names = "--types", split = ",", paramLabel = "TYPE",
            description = "Only detect these types (comma-separated), e.g. EMAIL_ADDRESS,CREDIT_CARD.")
    private List<String> types;

    @Option(names = "--operator", paramLabel = "TYPE=OP",
            description = "Operator for a type: MASK, PLACEHOLDER, HASH, PSEUDONYMIZE, DROP or KEEP (repeatable). "
                    + "HASH uses a random key per run.")
    private List<String> operators;

    /** Output is pure ASCII (other characters escaped), whatever the platform encoding of standard output. */
    private ObjectMapper json;

    /** The JSON mapper, made when a JSON format first needs it: plain text output does without. */
    private ObjectMapper json() {
        if (json == null) {
            json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        }
        return json;
    }

    @Override
    public Integer call() throws IOException {
        AimsRedactor redactor = redactor();
        String input = file == null || file.equals("-") ? "<stdin>" : file;
        try (InputStream in = open()) {
            if (jsonl) {
                return jsonLines(redactor, in, input);
            }
            return blocks(redactor, in);
        }
    }

    /**
     * Redacts a text of any length in constant memory: it is read and redacted a block of about a megabyte at a
     * time, each block cut at a paragraph or line break outside a PEM block, so that no value and no word that names
     * one is split. Offsets in the JSON output are {@code String} indices into the whole input; placeholder numbers
     * are stable within a block.
     */
    private int blocks(AimsRedactor redactor, InputStream in) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        TextBlocks blocks = new TextBlocks(in);
        ArrayNode findings = format == Format.json ? json().createArrayNode() : null;
        if (findings != null) {
            out.print("{\"text\":\"");
        }
        boolean found = false;
        long offset = 0;
        String block;
        while ((block = blocks.next()) != null) {
            RedactionSession session = redactor.open();
            String redacted = session.redact(block);
            List<Finding> blockFindings = session.findings();
            if (findings != null) {
                String quoted = json().writeValueAsString(redacted);
                out.write(quoted, 1, quoted.length() - 2);
                for (Finding f : blockFindings) {
                    ObjectNode o = findings.addObject();
                    o.put("type", f.type());
                    o.put("start", offset + f.start());
                    o.put("end", offset + f.end());
                    o.put("score", f.score());
                }
            } else {
                out.write(redacted);
            }
            found |= !blockFindings.isEmpty();
            offset += block.length();
        }
        if (findings != null) {
            out.print("\",\"findings\":");
            out.print(json().writeValueAsString(findings));
            out.println('}');
        }
        out.flush();
        return found ? AimsCommand.EXIT_BAD : 0;
    }

    private InputStream open() throws IOException {
        if (file == null || file.equals("-")) {
            return System.in;
        }
        try {
            return Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "redact: " + file + ": no such file");
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "redact: " + file + ": cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private int jsonLines(AimsRedactor redactor, InputStream in, String input) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean bad = false;
        boolean found = false;
        int number = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String problem = null;
            JsonNode node = null;
            try {
                node = json().readTree(line);
            } catch (JsonProcessingException e) {
                // Jackson's message quotes the input, which may hold the very data being redacted: not repeated
                problem = "not valid JSON";
            }
            if (problem == null) {
                if (node == null || !node.isObject()) {
                    problem = "not a JSON object";
                } else if (!node.has("id")) {
                    problem = "missing field \"id\"";
                } else if (!node.has("text") || !node.get("text").isTextual()) {
                    problem = "missing string field \"text\"";
                }
            }
            if (problem != null) {
                err.println("aims redact: " + input + ":" + number + ": " + problem + "; line skipped");
                err.flush();
                bad = true;
                continue;
            }
            RedactionSession session = redactor.open();
            String redacted = session.redact(node.get("text").asText());
            ObjectNode result = json().createObjectNode();
            result.set("id", node.get("id"));
            result.put("text", redacted);
            result.set("findings", findings(session.findings(), false));
            out.println(json().writeValueAsString(result));
            found |= !session.findings().isEmpty();
        }
        out.flush();
        return bad || found ? AimsCommand.EXIT_BAD : 0;
    }

    private ArrayNode findings(List<Finding> findings, boolean score) {
        ArrayNode array = json().createArrayNode();
        for (Finding f : findings) {
            ObjectNode o = array.addObject();
            o.put("type", f.type());
            o.put("start", f.start());
            o.put("end", f.end());
            if (score) {
                o.put("score", f.score());
            }
        }
        return array;
    }

    private AimsRedactor redactor() {
        AimsRedactor.Builder b = AimsRedactor.builder();
        if (types != null) {
            List<String> names = new ArrayList<>();
            for (String t : types) {
                String name = t.trim().toUpperCase(Locale.ROOT);
                if (!EntityTypes.isBuiltIn(name)) {
                    throw usage("--types: unknown entity type '" + t + "'; known types: "
                            + String.join(",", EntityTypes.builtIn()));
                }
                names.add(name);
            }
            b.types(names);
        }
        if (operators != null) {
            Map<String, Operator> chosen = new LinkedHashMap<>();
            for (String spec : operators) {
                int eq = spec.indexOf('=');
                if (eq <= 0 || eq == spec.length() - 1) {
                    throw usage("--operator: expected TYPE=OP, but was '" + spec + "'");
                }
                String type = spec.substring(0, eq).trim().toUpperCase(Locale.ROOT);
                String opName = spec.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
                if (!EntityTypes.isBuiltIn(type)) {
                    throw usage("--operator: unknown entity type '" + spec.substring(0, eq) + "'");
                }
                Operator op;
                try {
                    op = Operator.valueOf(opName);
                } catch (IllegalArgumentException e) {
                    throw usage("--operator: unknown operator '" + spec.substring(eq + 1)
                            + "'; known operators: MASK,PLACEHOLDER,HASH,PSEUDONYMIZE,DROP,KEEP");
                }
                if (chosen.put(type, op) != null) {
                    throw usage("--operator: " + type + " was given twice");
                }
            }
            chosen.forEach(b::operator);
            if (chosen.containsValue(Operator.HASH)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                b.hashKey(key);
            }
        }
        return b.build();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), "redact: " + message);
    }
}
