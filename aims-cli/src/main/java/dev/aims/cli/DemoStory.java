package dev.aims.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.Role;
import dev.aims.core.GovernedClient;
import dev.aims.langchain4j.AimsLangChain4j;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's scripted story: five things an application does with LangChain4j's OpenAI clients, each model
 * wrapped by {@link AimsLangChain4j#govern}. It narrates each step as it runs and returns what the calls recorded.
 * The sensitive values it seeds are printed only where the story shows the user's own words or the answer the user
 * got back; what left the process is shown as the provider received it.
 */
final class DemoStory {
    /** The e-mail address the story seeds. */
    static final String EMAIL = "jane.doe@example.com";
    /** The card number the story seeds (a test number that passes the Luhn check). */
    static final String CARD = "4111 1111 1111 1111";
    /**
     * The body of the PEM private key the story seeds: an Ed25519 PKCS#8 key whose seed is a hash of a fixed
     * phrase, made at run time so that no key-shaped text sits in the repository.
     */
    static final String PRIVATE_KEY_BODY = privateKeyBody();
    /** The model no policy allows. */
    static final String DENIED_MODEL = "o1-preview";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ORDER = Pattern.compile("A-\\d+");
    private static final int SHOWN_CHARS = 110;

    /** What one step expects, and the calls it made. */
    record Step(String name, boolean denialExpected, List<CallRecord> calls, String failure) {
        /** @return whether the step went as the story expects: denied when a denial is expected, else allowed */
        boolean asExpected() {
            if (failure != null || calls.isEmpty()) {
                return false;
            }
            CallRecord.Outcome expected = denialExpected ? CallRecord.Outcome.DENIED : CallRecord.Outcome.ALLOWED;
            return (!denialExpected || calls.size() == 1) && calls.stream().allMatch(c -> c.outcome() == expected);
        }
    }

    /** Where the story's models send their calls. */
    record Endpoint(String baseUrl, String apiKey, String model, Duration timeout) {
    }

    /**
     * The application's tool: it sees the real values, restored by AIMS because the example policy names it
     * ({@code restoreIntoTools}); any other tool the model called would get the placeholders.
     */
    static final class OrderLookup {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Tool("Looks up the status of a customer's order")
        String lookupOrder(@P(name = "message", value = "the customer's message, which names the order")
                String message) {
            seen.add(message);
            Matcher m = ORDER.matcher(message);
            String order = m.find() ? m.group() : "A-1042";
            return "Order " + order + " was shipped on 2 June; delivery updates go to " + EMAIL + ".";
        }
    }

    /** The AI service of step 5. */
    interface OrderAssistant {
        String chat(String message);
    }

    private final Endpoint endpoint;
    private final Consumer<GovernedClient.Builder> governance;
    private final List<CallRecord> records;
    private final QuoteBackServer server;
    private final PrintWriter out;

    /**
     * @param endpoint   where the models send their calls
     * @param governance the AIMS configuration of every model (policies, redactor, telemetry, evidence); it must
     *                   hand every record to {@code records}
     * @param records    the records of the calls, in the order they end
     * @param server     the loopback server, whose received bodies show what left the process; null for a real
     *                   endpoint, where the records' sent requests show it
     * @param out        where the story is told
     */
    DemoStory(Endpoint endpoint, Consumer<GovernedClient.Builder> governance, List<CallRecord> records,
            QuoteBackServer server, PrintWriter out) {
        this.endpoint = endpoint;
        this.governance = governance;
        this.records = records;
        this.server = server;
        this.out = out;
    }

    /** @return the steps, run in order */
    List<Step> run() {
        ChatModel chat = AimsLangChain4j.govern(OpenAiChatModel.builder().baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey()).modelName(endpoint.model()).timeout(endpoint.timeout()).maxRetries(0)
                .build(), governance);
        StreamingChatModel streaming = AimsLangChain4j.govern(OpenAiStreamingChatModel.builder()
                .baseUrl(endpoint.baseUrl()).apiKey(endpoint.apiKey()).modelName(endpoint.model())
                .timeout(endpoint.timeout()).build(), governance);
        List<Step> steps = new ArrayList<>();
        steps.add(supportQuestion(chat));
        steps.add(privateKey(chat));
        steps.add(unapprovedModel(chat));
        steps.add(streamedAnswer(streaming));
        steps.add(toolUsingService(chat));
        out.flush();
        return steps;
    }

    private static CallContext context(String system, String purpose) {
        return CallContext.builder().principal("u-1001").tenant("acme-support").systemId(system).purpose(purpose)
                .build();
    }

    private Step supportQuestion(ChatModel chat) {
        String name = "1 support question";
        String question = "I'm " + EMAIL + "; card " + CARD + " was charged twice for order A-1042.";
        heading(name, "an e-mail address and a card number; system payments-desk, purpose customer-support");
        int from = records.size();
        try (CallContext.Scope s = CallContext.bind(context("payments-desk", "customer-support"))) {
            String answer = chat.chat(question);
            show("you asked", question);
            show("provider received", receivedText(from));
            show("you got back", answer);
            return step(name, false, from, null);
        } catch (RuntimeException e) {
            return failed(name, false, from, e);
        }
    }

    private Step privateKey(ChatModel chat) {
        String name = "2 private key";
        String question = "Our deploy fails with this key, can you check it?\n-----BEGIN PRIVATE KEY-----\n"
                + PRIVATE_KEY_BODY + "\n-----END PRIVATE KEY-----";
        heading(name, "a prompt carrying a PEM private key; system support-bot");
        int from = records.size();
        try (CallContext.Scope s = CallContext.bind(context("support-bot", "customer-support"))) {
            show("you asked", "Our deploy fails with this key, can you check it? [a PEM private key, "
                    + PRIVATE_KEY_BODY.length() + " base64 characters]");
            chat.chat(question);
            return step(name, true, from, "the call was not denied");
        } catch (AiPolicyViolationException e) {
            showDenial(e);
            return step(name, true, from, null);
        } catch (RuntimeException e) {
            return failed(name, true, from, e);
        }
    }

    private Step unapprovedModel(ChatModel chat) {
        String name = "3 unapproved model";
        heading(name, "the same client asks for model " + DENIED_MODEL);
        int from = records.size();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Summarise our refund policy."))
                .parameters(ChatRequestParameters.builder().modelName(DENIED_MODEL).build()).build();
        try (CallContext.Scope s = CallContext.bind(context("support-bot", "customer-support"))) {
            chat.chat(request);
            return step(name, true, from, "the call was not denied");
        } catch (AiPolicyViolationException e) {
            showDenial(e);
            return step(name, true, from, null);
        } catch (RuntimeException e) {
            return failed(name, true, from, e);
        }
    }

    private Step streamedAnswer(StreamingChatModel streaming) {
        String name = "4 streamed answer";
        String question = "Please draft a short reply to " + EMAIL + " confirming that the duplicate charge on"
                + " order A-1042 was refunded today and will show on the statement within five business days.";
        heading(name, "OpenAiStreamingChatModel; system support-bot, purpose customer-support");
        int from = records.size();
        List<String> chunks = new CopyOnWriteArrayList<>();
        AtomicLong firstChunkNanos = new AtomicLong();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        long start = System.nanoTime();
        try (CallContext.Scope s = CallContext.bind(context("support-bot", "customer-support"))) {
            streaming.chat(question, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    firstChunkNanos.compareAndSet(0, System.nanoTime());
                    chunks.add(partial);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            done.get(endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS);
            long end = System.nanoTime();
            show("you asked", question);
            show("provider received", receivedText(from));
            show("you got back", String.join("", chunks));
            Step step = step(name, false, from, null);
            String fromProvider = step.calls().isEmpty() ? "?" : step.calls().get(0).firstChunkAt()
                    .map(t -> Duration.between(step.calls().get(0).startedAt(), t).toMillis() + " ms").orElse("?");
            out.printf("    %d chunks; the provider's first after %s, the first to you after %d ms (held back while"
                    + " an entity could still be split), the last after %d ms%n",
                    chunks.size(), fromProvider, TimeUnit.NANOSECONDS.toMillis(firstChunkNanos.get() - start),
                    TimeUnit.NANOSECONDS.toMillis(end - start));
            return step;
        } catch (ExecutionException e) {
            return failed(name, false, from, e.getCause());
        } catch (TimeoutException e) {
            return failed(name, false, from, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(name, false, from, e);
        } catch (RuntimeException e) {
            return failed(name, false, from, e);
        }
    }

    private Step toolUsingService(ChatModel chat) {
        String name = "5 tool-using AI service";
        String question = "Where is my order A-1042? You can reach me at " + EMAIL + ".";
        heading(name, "AiServices with a @Tool lookupOrder; system support-bot, purpose order-tracking");
        int from = records.size();
        OrderLookup tool = new OrderLookup();
        OrderAssistant assistant = AiServices.builder(OrderAssistant.class).chatModel(chat).tools(tool).build();
        try (CallContext.Scope s = CallContext.bind(context("support-bot", "order-tracking"))) {
            String answer = assistant.chat(question);
            show("you asked", question);
            out.printf("    the tool was called %d time(s)%s%n", tool.seen.size(), tool.seen.stream()
                    .anyMatch(m -> m.contains(EMAIL)) ? ", with the e-mail address restored" : "");
            show("you got back", answer);
            List<CallRecord> calls = records.subList(from, records.size());
            for (int i = 1; i < calls.size(); i++) {
                out.printf("    round-trip %d: call %s, parent call %s, session %s%n", i + 1,
                        shortId(calls.get(i).callId()), calls.get(i).context().parentCallId().map(DemoStory::shortId)
                                .orElse("-"), calls.get(i).context().sessionId().orElse("-"));
            }
            return step(name, false, from, null);
        } catch (RuntimeException e) {
            return failed(name, false, from, e);
        }
    }

    private Step step(String name, boolean denialExpected, int from, String failure) {
        return new Step(name, denialExpected, List.copyOf(records.subList(from, records.size())), failure);
    }

    private Step failed(String name, boolean denialExpected, int from, Throwable e) {
        // Exception messages of AIMS and of the provider client carry no prompt text; the class says what failed.
        String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        out.println("    FAILED: " + failure);
        return step(name, denialExpected, from, failure);
    }

    private void heading(String name, String what) {
        out.println();
        out.println(name + " — " + what);
    }

    private void show(String label, String text) {
        String oneLine = text.replace('\n', ' ');
        if (oneLine.length() > SHOWN_CHARS) {
            oneLine = oneLine.substring(0, SHOWN_CHARS - 1) + "…";
        }
        out.printf("    %-18s %s%n", label + ":", oneLine);
    }

    private void showDenial(AiPolicyViolationException e) {
        PolicyDecision d = e.decision();
        out.printf("    DENIED by %s at %s (%s): %s%n", d.policyId(), DemoCommand.stage(d), d.reasonCode(),
                d.message());
        out.println("    the request never left the process");
    }

    /** The last user text that left the process: from the loopback server's wire bytes, else from the record. */
    private String receivedText(int from) {
        if (server != null) {
            List<String> bodies = server.received();
            try {
                JsonNode messages = JSON.readTree(bodies.get(bodies.size() - 1)).path("messages");
                for (int i = messages.size() - 1; i >= 0; i--) {
                    if ("user".equals(messages.get(i).path("role").asText())) {
                        return messages.get(i).path("content").asText();
                    }
                }
            } catch (IOException | RuntimeException e) {
                return "(unreadable: " + e.getClass().getSimpleName() + ")";
            }
            return "";
        }
        List<CallRecord> calls = records.subList(from, records.size());
        return calls.isEmpty() ? "" : calls.get(calls.size() - 1).sentRequest().map(r -> {
            List<Message> messages = r.messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).role() == Role.USER) {
                    return messages.get(i).text();
                }
            }
            return "";
        }).orElse("");
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String privateKeyBody() {
        try {
            byte[] seed = MessageDigest.getInstance("SHA-256")
                    .digest("aims demo: a private key nobody uses".getBytes(StandardCharsets.UTF_8));
            // PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410): a fixed 16-byte header, then the 32-byte seed.
            byte[] der = HexFormat.of().parseHex("302e020100300506032b657004220420" + HexFormat.of().formatHex(seed));
            return Base64.getEncoder().encodeToString(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
