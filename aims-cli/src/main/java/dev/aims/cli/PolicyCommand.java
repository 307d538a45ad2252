package dev.aims.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.api.Redactor;
import dev.aims.api.Role;
import dev.aims.api.ToolResult;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.policy.PolicyFile;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.core.policy.PolicyValidationException;
import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreProvider;
import dev.aims.core.policy.QuotaStoreSpec;
import dev.aims.redact.AimsRedactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aims policy check FILE} and {@code aims policy explain FILE --request REQ.json}: validate a policy file, and
 * show what it would decide about a request without calling a model.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Validate a policy file, or explain its decisions about a request.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Explain.class})
final class PolicyCommand implements Runnable {
    /**
     * What explain scans request and answer text with: the default redactor, as a governed client would. Made when
     * explain first runs, not when the command line is built (every command builds them all).
     */
    private static final class DefaultRedactor {
        static final Redactor REDACTOR = AimsRedactor.create();
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command; try 'aims policy check FILE' or 'aims policy explain FILE --request REQ.json'");
    }

    /** Reads and validates a policy file; prints each problem on stderr and returns 1 or 2 when it is not valid. */
    private static PolicyFile read(Path file, PrintWriter err, String command) throws Failed {
        try {
            return PolicyFile.read(file);
        } catch (PolicyValidationException e) {
            for (String line : e.lines()) {
                err.println(line);
            }
            err.flush();
            throw new Failed(AimsCommand.EXIT_BAD);
        } catch (IOException e) {
            err.println("aims policy " + command + ": cannot read " + file + ": " + e.getClass().getSimpleName());
            err.flush();
            throw new Failed(AimsCommand.EXIT_USAGE);
        }
    }

    /** Carries an exit status out of a helper. */
    private static final class Failed extends Exception {
        final int status;

        Failed(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /** {@code aims policy check FILE}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate a policy file and print its rules and the hash of the set they load into.",
                "FILE is YAML when its name ends in .yaml or .yml, else JSON.",
                "Exit status 0 when valid, 1 when invalid (one line per problem on stderr,"
                        + " FILE:LINE:COLUMN: PATH: PROBLEM; values are never quoted), 2 when the file cannot be"
                        + " read."})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the policy file (.json, .yaml or .yml)")
        private Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PolicyFile f;
            try {
                f = read(file, spec.commandLine().getErr(), "check");
            } catch (Failed e) {
                return e.status;
            }
            out.println(f.origin() + ": valid, version " + f.version() + ", " + f.rules().size() + " rule"
                    + (f.rules().size() == 1 ? "" : "s"));
            out.printf("%-3s %-28s %-17s %-8s %s%n", "#", "id", "type", "mode", "scope");
            int n = 1;
            for (PolicyFile.Rule r : f.rules()) {
                out.printf("%-3d %-28s %-17s %-8s %s%n", n++, r.id(), r.type(), r.mode(), r.scope());
            }
            out.println("policy set hash: " + f.hash());
            out.flush();
            return 0;
        }
    }

    /** {@code aims policy explain FILE --request REQ.json}. */
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {"Dry-run a request through the policy file and print every decision, without calling a"
                    + " model.",
                "REQ.json: {\"model\": \"gpt-4o-mini\", \"provider\": \"openai\", \"maxTokens\": 500,"
                        + " \"messages\": [{\"role\": \"user\", \"text\": \"...\"},"
                        + " {\"role\": \"tool\", \"text\": \"...\", \"toolCallId\": \"c1\", \"toolName\": \"fetch\"}],"
                        + " \"context\": {\"principal\", \"tenant\", \"systemId\", \"purpose\", \"sessionId\","
                        + " \"sourceIds\": [...], \"labels\": {...}},"
                        + " \"response\": {\"text\": \"...\", \"inputTokens\": 10, \"outputTokens\": 20}}"
                        + " - response is optional: give it to see the output rules decide.",
                "Budgets and rate limits start empty. Exit status 0 when the request would be allowed, 1 when it"
                        + " would be denied or the policy is invalid, 2 on a bad request file. Errors name the file,"
                        + " line, column and field, never a value of the request."})
    static final class Explain implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the policy file (.json, .yaml or .yml)")
        private Path file;

        @Option(names = "--request", required = true, paramLabel = "REQ.json",
                description = "the request, its context and optionally the model's answer")
        private Path requestFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            DryRun run;
            PolicySet set;
            PolicyFile f;
            try {
                run = DryRun.read(requestFile);
                f = read(file, err, "explain");
                // A dry run must never spend a shared budget: stores a file names by settings count in memory.
                set = PolicyLoader.builder().redactor(DefaultRedactor.REDACTOR)
                        .quotaStoreProvider(new InMemoryStores("redis")).build().load(f);
            } catch (BadRequest e) {
                err.println(requestFile + (e.place == null ? "" : ":" + e.place) + ": " + e.getMessage());
                err.flush();
                return AimsCommand.EXIT_USAGE;
            } catch (Failed e) {
                return e.status;
            } catch (PolicyValidationException e) {
                for (String line : e.lines()) {
                    err.println(line);
                }
                err.flush();
                return AimsCommand.EXIT_BAD;
            }
            List<CallRecord> records = new CopyOnWriteArrayList<>();
            GovernedClient client = GovernedClient.builder()
                    .delegate(request -> run.response)
                    .redactor(DefaultRedactor.REDACTOR)
                    .policySource(() -> set)
                    .observer(records::add)
                    .build();
            String failure = null;
            try {
                client.call(run.request, run.context);
            } catch (AimsException e) {
                failure = e.getMessage();
            }
            CallRecord record = records.get(0);
            out.println("policy " + f.origin() + ", version " + f.version() + ", hash " + f.hash());
            out.println("request: model " + run.request.model() + ", " + run.request.messages().size()
                    + " message(s), " + run.request.textLength() + " characters; " + describe(run.context));
            if (!run.answered) {
                out.println("note: REQ.json has no response; POST rules ran on an empty answer");
            }
            out.println(String.format("%-9s %-40s %-15s %-32s %s", "stage", "policy", "effect", "reason", "message"));
            for (PolicyDecision d : record.decisions()) {
                String effect = d.effect() + (d.shadow() ? " (shadow)" : "");
                String obligations = d.obligations().isEmpty() ? "" : " " + new TreeMap<>(d.obligations());
                String message = (d.message() + obligations).strip();
                out.println(String.format("%-9s %-40s %-15s %-32s %s", d.stage(), d.policyId() + "@"
                        + d.policyVersion(), effect, d.reasonCode(), message).strip());
            }
            out.println("outcome: " + outcome(record, failure));
            out.flush();
            return record.outcome() == CallRecord.Outcome.ALLOWED ? 0 : AimsCommand.EXIT_BAD;
        }

        private static String outcome(CallRecord record, String failure) {
            PolicyDecision deciding = record.decisiveDecision().orElse(null);
            String by = deciding == null ? "" : " by " + deciding.policyId() + " (" + deciding.reasonCode() + ")";
            switch (record.outcome()) {
                case ALLOWED:
                    return "ALLOWED" + (deciding == null ? "" : ", modified" + by);
                case DENIED:
                    return "DENIED" + by;
                default:
                    return "ERROR: " + failure;
            }
        }

        /** Names the context fields given, never their values: a request may carry personal data there. */
        private static String describe(CallContext c) {
            List<String> parts = new ArrayList<>();
            c.principal().ifPresent(v -> parts.add("principal"));
            c.tenant().ifPresent(v -> parts.add("tenant"));
            c.systemId().ifPresent(v -> parts.add("systemId"));
            c.purpose().ifPresent(v -> parts.add("purpose"));
            c.sessionId().ifPresent(v -> parts.add("sessionId"));
            if (!c.sourceIds().isEmpty()) {
                parts.add("sourceIds");
            }
            if (!c.labels().isEmpty()) {
                parts.add("labels");
            }
            return parts.isEmpty() ? "no context" : "context " + String.join(", ", parts) + " (values not shown)";
        }
    }

    /**
     * A request file that is not what explain expects. The message names the field and what kind of value it found,
     * never the value: a request holds prompts and context, which may be personal data.
     */
    private static final class BadRequest extends Exception {
        /** The path whose place is given: the message's, or a member of it the message must not name. */
        String locate;
        /** {@code line:column} of the field in the file, or null. */
        String place;

        BadRequest(String path, String message) {
            super(path + ": " + message, null, false, false);
            this.locate = path;
        }
    }

    /** The request, context and answer of a dry run, read from REQ.json. */
    private static final class DryRun {
        private static final Set<String> TOP = Set.of("model", "provider", "maxTokens", "messages", "context",
                "response");
        private static final Set<String> MESSAGE = Set.of("role", "text", "toolCallId", "toolName");
        private static final Set<String> CONTEXT = Set.of("principal", "tenant", "systemId", "purpose", "sessionId",
                "sourceIds", "labels");
        private static final Set<String> RESPONSE = Set.of("text", "inputTokens", "outputTokens");
        private static final ObjectMapper JSON = new ObjectMapper();

        final AiRequest request;
        final CallContext context;
        final AiResponse response;
        final boolean answered;

        private DryRun(AiRequest request, CallContext context, AiResponse response, boolean answered) {
            this.request = request;
            this.context = context;
            this.response = response;
            this.answered = answered;
        }

        static DryRun read(Path file) throws BadRequest {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadRequest("$", "cannot be read: " + e.getClass().getSimpleName());
            }
            try {
                return parse(text);
            } catch (BadRequest e) {
                if (e.place == null) {
                    e.place = JsonPlace.of(text, e.locate);
                }
                throw e;
            }
        }

        private static DryRun parse(String text) throws BadRequest {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                BadRequest bad = new BadRequest("$", "is not valid JSON");
                bad.place = at == null ? null : at.getLineNr() + ":" + at.getColumnNr();
                throw bad;
            }
            if (root == null || !root.isObject()) {
                throw new BadRequest("$", "must be an object, but was " + kind(root));
            }
            known(root, "$", TOP);
            AiRequest.Builder b = AiRequest.builder().model(text(root, "$", "model", true));
            String provider = text(root, "$", "provider", false);
            if (provider != null) {
                b.provider(provider);
            }
            JsonNode max = root.get("maxTokens");
            if (max != null) {
                if (!max.isInt() || max.asInt() <= 0) {
                    throw new BadRequest("$.maxTokens", "must be a positive integer, but was "
                            + (max.isInt() ? "0 or less" : kind(max)));
                }
                b.maxTokens(max.asInt());
            }
            JsonNode messages = root.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty()) {
                throw new BadRequest("$.messages", "must be a non-empty array of messages, but was "
                        + (messages != null && messages.isArray() ? "empty" : kind(messages)));
            }
            for (int i = 0; i < messages.size(); i++) {
                b.message(message(messages.get(i), "$.messages[" + i + "]"));
            }
            CallContext context = context(root.get("context"));
            JsonNode r = root.get("response");
            AiResponse response = AiResponse.builder().message(Message.assistant("")).finishReason(FinishReason.STOP)
                    .build();
            if (r != null) {
                if (!r.isObject()) {
                    throw new BadRequest("$.response", "must be an object, but was " + kind(r));
                }
                known(r, "$.response", RESPONSE);
                response = AiResponse.builder().message(Message.assistant(text(r, "$.response", "text", true)))
                        .usage(Usage.of(count(r, "inputTokens"), count(r, "outputTokens")))
                        .finishReason(FinishReason.STOP).build();
            }
            return new DryRun(b.build(), context, response, r != null);
        }

        private static Message message(JsonNode m, String at) throws BadRequest {
            if (!m.isObject()) {
                throw new BadRequest(at, "must be an object, but was " + kind(m));
            }
            known(m, at, MESSAGE);
            String role = text(m, at, "role", true);
            String text = text(m, at, "text", true);
            switch (role) {
                case "system":
                    return Message.builder(Role.SYSTEM).text(text).build();
                case "user":
                    return Message.builder(Role.USER).text(text).build();
                case "assistant":
                    return Message.builder(Role.ASSISTANT).text(text).build();
                case "tool":
                    String id = text(m, at, "toolCallId", false);
                    String name = text(m, at, "toolName", false);
                    return Message.tool(ToolResult.of(id == null ? "" : id, name == null ? "" : name, text));
                default:
                    throw new BadRequest(at + ".role", "must be one of system, user, assistant, tool, but was"
                            + " another string");
            }
        }

        private static CallContext context(JsonNode c) throws BadRequest {
            if (c == null) {
                return CallContext.EMPTY;
            }
            if (!c.isObject()) {
                throw new BadRequest("$.context", "must be an object, but was " + kind(c));
            }
            known(c, "$.context", CONTEXT);
            CallContext.Builder b = CallContext.builder()
                    .principal(text(c, "$.context", "principal", false))
                    .tenant(text(c, "$.context", "tenant", false))
                    .systemId(text(c, "$.context", "systemId", false))
                    .purpose(text(c, "$.context", "purpose", false))
                    .sessionId(text(c, "$.context", "sessionId", false));
            JsonNode sources = c.get("sourceIds");
            if (sources != null) {
                if (!sources.isArray()) {
                    throw new BadRequest("$.context.sourceIds", "must be an array of strings, but was "
                            + kind(sources));
                }
                for (int i = 0; i < sources.size(); i++) {
                    if (!sources.get(i).isTextual() || sources.get(i).asText().isBlank()) {
                        throw new BadRequest("$.context.sourceIds[" + i + "]", "must be a non-blank string, but"
                                + " was " + kind(sources.get(i)));
                    }
                    b.sourceId(sources.get(i).asText());
                }
            }
            JsonNode labels = c.get("labels");
            if (labels != null) {
                if (!labels.isObject()) {
                    throw new BadRequest("$.context.labels", "must be an object of strings, but was "
                            + kind(labels));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isTextual()) {
                        // A label's name is context too: the line and column point at it, the message does not.
                        BadRequest bad = new BadRequest("$.context.labels", "each label must be a string, but one"
                                + " was " + kind(e.getValue()));
                        bad.locate = "$.context.labels." + e.getKey();
                        throw bad;
                    }
                    b.label(e.getKey(), e.getValue().asText());
                }
            }
            return b.build();
        }

        private static String text(JsonNode node, String at, String field, boolean required) throws BadRequest {
            JsonNode v = node.get(field);
            if (v == null) {
                if (required) {
                    throw new BadRequest(at + "." + field, "is required");
                }
                return null;
            }
            if (!v.isTextual() || (v.asText().isBlank() && !field.equals("text"))) {
                throw new BadRequest(at + "." + field, "must be a non-blank string, but was " + kind(v));
            }
            return v.asText();
        }

        private static long count(JsonNode r, String field) throws BadRequest {
            JsonNode v = r.get(field);
            if (v == null) {
                return 0;
            }
            if (!v.isIntegralNumber() || v.asLong() < 0) {
                throw new BadRequest("$.response." + field, "must be an integer >= 0, but was "
                        + (v.isIntegralNumber() ? "negative" : kind(v)));
            }
            return v.asLong();
        }

        private static void known(JsonNode node, String at, Set<String> names) throws BadRequest {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!names.contains(name)) {
                    throw new BadRequest(at + "." + name, "unknown field (known: " + String.join(", ",
                            new java.util.TreeSet<>(names)) + ")");
                }
            }
        }

        /** @return what kind of value was found, never the value */
        private static String kind(JsonNode v) {
            if (v == null || v.isMissingNode()) {
                return "nothing";
            }
            if (v.isTextual()) {
                return v.asText().isBlank() ? "a blank string" : "a string";
            }
            if (v.isNumber()) {
                return "a number";
            }
            if (v.isBoolean()) {
                return "a boolean";
            }
            if (v.isObject()) {
                return "an object";
            }
            return v.isArray() ? "an array" : "null";
        }
    }

    /** Stands in for a shared quota store during a dry run, so that explain never touches a real budget. */
    private static final class InMemoryStores implements QuotaStoreProvider {
        private final String type;

        InMemoryStores(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public QuotaStore create(QuotaStoreSpec spec) {
            return QuotaStore.inMemory();
        }
    }
}
