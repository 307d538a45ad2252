package dev.aims.langchain4j;

import dev.aims.api.AiRequest;
import dev.aims.api.ToolDefinition;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Translates a request's parameters into AIMS's and the governed ones back. The parameters translated are the
 * effective ones — the model's defaults overridden by the request's, as LangChain4j merges them before it sends.
 *
 * <p>Into AIMS: model, temperature, top-p, output token limit and stop sequences as such; each tool specification as
 * a {@link ToolDefinition} (name, description, the JSON Schema of its parameters) with its metadata, when it has
 * any, as the extra {@code tools[i].metadata}; the response format as {@code text}, {@code json_object} or the JSON
 * Schema of its root element, with the schema's name as the extra {@value #RESPONSE_FORMAT_NAME}; OpenAI's own
 * parameters as extras ({@link OpenAiParameters}). Counted as uninspected: tool metadata that is not plain JSON, and
 * the parameters of any other provider-specific class (AIMS cannot know which of their fields hold text).
 *
 * <p>Back: every parameter that holds text is taken from the governed request; the original gives only the settings
 * without text (top-k, penalties, tool choice, a tool's strictness, OpenAI's numeric and boolean options). The result
 * sets every parameter the effective ones set, so that nothing of the model's defaults survives the delegate's merge;
 * where governance removed something the defaults would put back (a policy dropped the stop sequences, the defaults
 * have some), translation fails rather than let the defaults' raw text leave.
 */
final class Parameters {
    /** The extra holding the response-format schema's name. */
    static final String RESPONSE_FORMAT_NAME = "response_format.name";
    static final String TEXT = "text";
    static final String JSON_OBJECT = "json_object";
    /** Used when neither the request nor the model's defaults name a model; an allow-list will deny it. */
    static final String UNKNOWN_MODEL = "unknown";

    private enum Kind { PLAIN, OPENAI, OTHER }

    private Parameters() {
    }

    static String toolMetadata(int index) {
        return "tools[" + index + "].metadata";
    }

    /** @return the parameters LangChain4j sends: the defaults overridden by the request's */
    static ChatRequestParameters effective(ChatRequestParameters defaults, ChatRequestParameters request) {
        if (request == null) {
            return defaults == null ? DefaultChatRequestParameters.EMPTY : defaults;
        }
        return defaults == null ? request : defaults.overrideWith(request);
    }

    private static Kind kind(ChatRequestParameters p) {
        if (p.getClass() == DefaultChatRequestParameters.class) {
            return Kind.PLAIN;
        }
        // By name, so that this class never loads langchain4j-open-ai's classes when the application lacks them.
        return p.getClass().getName().equals(OpenAiParameters.CLASS_NAME) ? Kind.OPENAI : Kind.OTHER;
    }

    /** Sets the parameters, tools, response format, extras and the count of uninspected parts on {@code b}. */
    static void toAims(ChatRequestParameters p, AiRequest.Builder b) {
        b.model(p.modelName() != null ? p.modelName() : UNKNOWN_MODEL)
                .temperature(p.temperature())
                .topP(p.topP())
                .maxTokens(p.maxOutputTokens())
                .stopSequences(p.stopSequences() == null ? List.of() : p.stopSequences());
        int uninspected = 0;
        List<ToolSpecification> specs = p.toolSpecifications() == null ? List.of() : p.toolSpecifications();
        List<ToolDefinition> tools = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            ToolSpecification spec = specs.get(i);
            tools.add(new ToolDefinition(spec.name(), Objects.requireNonNullElse(spec.description(), ""),
                    spec.parameters() == null ? "" : Json.schema(spec.parameters())));
            if (spec.metadata() != null && !spec.metadata().isEmpty()) {
                String json = Json.plain(spec.metadata());
                if (json == null) {
                    uninspected++;
                } else {
                    b.extra(toolMetadata(i), json);
                }
            }
        }
        b.tools(tools);
        ResponseFormat format = p.responseFormat();
        if (format != null) {
            JsonSchema schema = format.jsonSchema();
            if (schema != null && schema.rootElement() != null) {
                b.responseFormat(Json.schema(schema.rootElement()));
                if (schema.name() != null) {
                    b.extra(RESPONSE_FORMAT_NAME, Json.plain(schema.name()));
                }
            } else {
                b.responseFormat(format.type() == ResponseFormatType.JSON ? JSON_OBJECT : TEXT);
            }
        }
        Kind kind = kind(p);
        if (kind == Kind.OPENAI) {
            uninspected += OpenAiParameters.toAims(p, b);
        } else if (kind == Kind.OTHER) {
            uninspected++;
        }
        b.uninspectedParts(uninspected);
    }

    /**
     * @param sent      the governed request
     * @param effective the effective parameters of the original request
     * @param defaults  the delegate's default parameters, which it will merge under the result
     * @return the parameters the delegate is to send
     * @throws IllegalArgumentException naming the field when a governed value cannot be expressed, or when the
     *                                  defaults would put back what governance removed
     */
    static ChatRequestParameters toLangChain4j(AiRequest sent, ChatRequestParameters effective,
            ChatRequestParameters defaults) {
        Kind kind = kind(effective);
        DefaultChatRequestParameters.Builder<?> b = kind == Kind.OPENAI ? OpenAiParameters.toLangChain4j(sent,
                effective) : DefaultChatRequestParameters.builder();
        b.modelName(sent.model().equals(UNKNOWN_MODEL) && effective.modelName() == null ? null : sent.model());
        b.temperature(sent.temperature().orElse(null));
        b.topP(sent.topP().orElse(null));
        b.topK(effective.topK());
        b.frequencyPenalty(effective.frequencyPenalty());
        b.presencePenalty(effective.presencePenalty());
        b.maxOutputTokens(sent.maxTokens().orElse(null));
        b.stopSequences(sent.stopSequences());
        b.toolSpecifications(tools(sent, effective));
        b.toolChoice(effective.toolChoice());
        b.responseFormat(responseFormat(sent));
        ChatRequestParameters built = b.build();
        if (kind == Kind.OTHER) {
            // Its own fields are uninspected, let through by policy; the common ones are the governed ones.
            built = effective.overrideWith(built);
        }
        refuseWhatDefaultsWouldAdd(built, defaults == null ? built : defaults.overrideWith(built), kind);
        return built;
    }

    private static List<ToolSpecification> tools(AiRequest sent, ChatRequestParameters effective) {
        List<ToolSpecification> originals = effective.toolSpecifications() == null ? List.of()
                : effective.toolSpecifications();
        boolean aligned = originals.size() == sent.tools().size();
        List<ToolSpecification> out = new ArrayList<>(sent.tools().size());
        for (int i = 0; i < sent.tools().size(); i++) {
            ToolDefinition d = sent.tools().get(i);
            ToolSpecification original = aligned ? originals.get(i) : null;
            ToolSpecification.Builder spec = ToolSpecification.builder().name(d.name())
                    .description(d.description().isEmpty() ? null : d.description());
            if (!d.parametersSchema().isEmpty()) {
                spec.parameters(objectSchema(d.parametersSchema(), "tools[" + i + "].parametersSchema"));
            }
            String metadata = sent.extras().get(toolMetadata(i));
            if (metadata != null) {
                spec.metadata(Json.object(metadata, "extras['" + toolMetadata(i) + "']"));
            } else if (original != null && original.metadata() != null && !original.metadata().isEmpty()) {
                // Not plain JSON: counted as uninspected and let through by policy.
                spec.metadata(original.metadata());
            }
            if (original != null) {
                spec.strict(original.strict());
            }
            out.add(spec.build());
        }
        return out;
    }

    private static JsonObjectSchema objectSchema(String json, String field) {
        JsonSchemaElement element = Json.schema(json, field);
        if (!(element instanceof JsonObjectSchema o)) {
            throw new IllegalArgumentException(field + " must be a JSON schema of type object");
        }
        return o;
    }

    private static ResponseFormat responseFormat(AiRequest sent) {
        String format = sent.responseFormat().orElse(null);
        if (format == null) {
            return null;
        }
        if (format.equals(TEXT)) {
            return ResponseFormat.TEXT;
        }
        if (format.equals(JSON_OBJECT)) {
            return ResponseFormat.JSON;
        }
        String name = sent.extras().get(RESPONSE_FORMAT_NAME);
        JsonSchema schema = JsonSchema.builder()
                .name(name == null ? null : Json.string(name, "extras['" + RESPONSE_FORMAT_NAME + "']"))
                .rootElement(Json.schema(format, "responseFormat")).build();
        return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build();
    }

    /**
     * The delegate merges its defaults under what it is given, and a value left empty is filled from them: when
     * governance removed something the defaults also set, the defaults' raw text would leave. That is refused.
     */
    private static void refuseWhatDefaultsWouldAdd(ChatRequestParameters built, ChatRequestParameters merged,
            Kind kind) {
        List<String> added = new ArrayList<>();
        if (!same(built.stopSequences(), merged.stopSequences())) {
            added.add("stopSequences");
        }
        if (!same(built.toolSpecifications(), merged.toolSpecifications())) {
            added.add("toolSpecifications");
        }
        if (!Objects.equals(built.responseFormat(), merged.responseFormat())) {
            added.add("responseFormat");
        }
        if (kind == Kind.OPENAI) {
            added.addAll(OpenAiParameters.differences(built, merged));
        }
        if (!added.isEmpty()) {
            throw new IllegalArgumentException("governance removed " + added + " from the request, but the model's"
                    + " default parameters set them and the model would send those instead; remove them from the"
                    + " model's defaults and set them per request");
        }
    }

    /** Null and empty are the same to LangChain4j: neither overrides a default. */
    static boolean same(List<?> a, List<?> b) {
        return (a == null || a.isEmpty()) ? (b == null || b.isEmpty()) : a.equals(b);
    }
}
