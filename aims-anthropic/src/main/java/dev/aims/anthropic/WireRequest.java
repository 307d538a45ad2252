package dev.aims.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.QueryParams;
import com.anthropic.models.messages.MessageCreateParams;
import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's request in its wire form, and the way back: {@link #params} builds the request that leaves from
 * the governed AIMS form, never from the application's texts — the application's JSON gives only the structure and
 * what AIMS keeps as structure (types, roles, ids) or counted as uninspected.
 */
final class WireRequest {
    /** The prefix of the extras that carry the call's own HTTP headers. */
    static final String HEADER = "http header ";
    /** The prefix of the extras that carry the call's own query parameters. */
    static final String QUERY = "http query ";

    private final MessageCreateParams original;
    private final ObjectNode body;
    private final List<Slot> slots;
    private final ObjectMapper mapper;

    private WireRequest(MessageCreateParams original, ObjectNode body, List<Slot> slots, ObjectMapper mapper) {
        this.original = original;
        this.body = body;
        this.slots = slots;
        this.mapper = mapper;
    }

    /**
     * Reads a request.
     *
     * @param params the application's request
     * @param mapper the SDK's JSON mapper
     * @param into   receives the AIMS form's builder, to complete (provider, server, stream, tags) and build
     * @return the wire request, to rebuild the outgoing request from
     * @throws IllegalArgumentException naming the field when the request cannot be read
     */
    static WireRequest read(MessageCreateParams params, ObjectMapper mapper,
            java.util.function.Consumer<AiRequest.Builder> into) {
        ObjectNode body = mapper.valueToTree(params._body());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Headers h = params._headers();
        for (String name : h.names()) {
            headers.put(name, h.values(name));
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        QueryParams q = params._queryParams();
        for (String key : q.keys()) {
            query.put(key, q.values(key));
        }
        RequestReader reader = RequestReader.read(body, headers, query, mapper);
        into.accept(reader.request());
        return new WireRequest(params, body, reader.slots(), mapper);
    }

    /**
     * @param governed   the request as governance lets it leave
     * @param translated the AIMS form the application's request was read into
     * @return the SDK request to send: the application's, every slot holding its governed text
     * @throws IllegalArgumentException when governance changed the request's shape, or left a JSON channel that is
     *                                  no longer JSON (the message names the place, never a value)
     */
    MessageCreateParams params(AiRequest governed, AiRequest translated) {
        String difference = difference(translated, governed);
        if (difference != null) {
            throw new IllegalArgumentException(difference);
        }
        ObjectNode copy = body.deepCopy();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Slot s : slots) {
            String value = s.value(governed);
            if (s.at == null) {
                List<String> values = strings(value, s.key);
                if (s.key.startsWith(HEADER)) {
                    headers.put(s.key.substring(HEADER.length()), values);
                } else {
                    query.put(s.key.substring(QUERY.length()), values);
                }
                continue;
            }
            s.write(copy, s.kind.json ? parse(value, s.at.name) : TextNode.valueOf(value));
        }
        copy.put("model", governed.model());
        governed.maxTokens().ifPresent(n -> copy.put("max_tokens", n.longValue()));
        put(copy, "temperature", governed.temperature().orElse(null));
        put(copy, "top_p", governed.topP().orElse(null));
        MessageCreateParams.Body sent;
        try {
            sent = mapper.treeToValue(copy, MessageCreateParams.Body.class);
        } catch (JsonProcessingException e) {
            // Not chained: the parser's message quotes the document.
            throw new IllegalArgumentException("the governed request is no longer a Messages API request");
        }
        Map<String, Iterable<String>> h = new LinkedHashMap<>(headers);
        Map<String, Iterable<String>> q = new LinkedHashMap<>(query);
        // The profile and workspace ids are headers: they leave as scanned, among the others.
        return original.toBuilder().body(sent).userProfileId((String) null).workspaceId((String) null)
                .additionalHeaders(h).additionalQueryParams(q).build();
    }

    private static void put(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }

    private JsonNode parse(String json, String where) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + " is no longer JSON after governance");
        }
    }

    private List<String> strings(String json, String where) {
        JsonNode node = parse(json, where);
        List<String> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException(where + " is no longer a list of strings after governance");
            }
            values.add(v.asText());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " is no longer a list of strings after governance");
        }
        return values;
    }

    /**
     * @return how {@code governed} differs in shape from {@code translated} — the messages, parts, tools, stop
     *         sequences, format and extras the slots point into — or null when the slots fit; never a value
     */
    static String difference(AiRequest translated, AiRequest governed) {
        List<Message> a = translated.messages();
        List<Message> b = governed.messages();
        if (a.size() != b.size()) {
            return "it has " + b.size() + " messages where the application's request had " + a.size();
        }
        for (int i = 0; i < a.size(); i++) {
            Message x = a.get(i);
            Message y = b.get(i);
            if (x.role() != y.role() || x.texts().size() != y.texts().size()
                    || x.mediaUrls().size() != y.mediaUrls().size() || x.toolCalls().size() != y.toolCalls().size()
                    || x.toolResult().isPresent() != y.toolResult().isPresent()) {
                return "its message " + i + " (" + y.role() + ") differs in role or parts from the application's";
            }
        }
        if (translated.tools().size() != governed.tools().size()) {
            return "it has " + governed.tools().size() + " tools where the application's request had "
                    + translated.tools().size();
        }
        if (translated.stopSequences().size() != governed.stopSequences().size()) {
            return "its stop sequences differ in number from the application's";
        }
        if (translated.responseFormat().isPresent() != governed.responseFormat().isPresent()) {
            return "its response format was added or removed";
        }
        if (!translated.extras().keySet().equals(governed.extras().keySet())) {
            return "its extras differ from the application's (" + governed.extras().size() + " where there were "
                    + translated.extras().size() + ")";
        }
        return null;
    }
}
