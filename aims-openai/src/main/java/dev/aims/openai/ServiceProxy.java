package dev.aims.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.ClientOptions;
import com.openai.core.RequestOptions;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.services.async.ChatServiceAsync;
import com.openai.services.async.ResponseServiceAsync;
import com.openai.services.async.chat.ChatCompletionServiceAsync;
import com.openai.services.blocking.ChatService;
import com.openai.services.blocking.ResponseService;
import com.openai.services.blocking.chat.ChatCompletionService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The governed SDK client and its services: a {@link Proxy} over each SDK interface, so the application keeps its
 * types ({@code OpenAIClient}, {@code ChatCompletionService} …) and the compiler checks its calls. What each method
 * does is decided here, in one table ({@link #RULES}), and nowhere else:
 * <ul>
 *   <li><b>governed</b> — the methods that send model input: {@code create} and {@code createStreaming} of
 *       {@code chat().completions()} and {@code responses()}, blocking and asynchronous;</li>
 *   <li><b>wrapped</b> — the ways to reach those: {@code chat()}, {@code completions()}, {@code responses()},
 *       {@code async()}, {@code sync()}, and {@code withOptions(..)} (a client or service with other options,
 *       governed alike);</li>
 *   <li><b>passed through</b> — methods that send no model input: {@code close()}, {@code models()}, and
 *       {@code retrieve}, {@code delete} and {@code cancel} of a stored completion or response by id (what they
 *       return is the provider's stored data, not checked by the POST policies);</li>
 *   <li><b>overloads</b> — an interface's default methods that only complete their arguments and call another
 *       method of the same interface (with {@code RequestOptions.none()}, or a structured request's raw one): run
 *       as written, so they land on one of the above;</li>
 *   <li><b>refused</b> — everything else, with {@link UnsupportedOperationException}: {@code withRawResponse()},
 *       embeddings, images, audio, files, moderations, the Assistants and Realtime APIs, stored-completion updates
 *       and lists, Responses' input-token counts, compaction and WebSocket connections, and any method a newer SDK
 *       adds. Nothing is sent: AIMS fails closed rather than let content leave around the redactor.</li>
 * </ul>
 */
final class ServiceProxy implements InvocationHandler {
    /** What to do with a method. */
    private interface Rule {
        Object apply(ServiceProxy self, Object proxy, Method method, Object[] args) throws Throwable;
    }

    /** The methods that return a sub-service: defaults in the SDK's interfaces, overridden by its clients. */
    private static final java.util.Set<String> ACCESSORS = java.util.Set.of("chat", "completions", "responses",
            "messages", "inputItems", "inputTokens", "connect");

    private static final Map<Class<?>, Map<String, Rule>> RULES = Map.of(
            OpenAIClient.class, Map.of(
                    "chat", (s, p, m, a) -> s.wrap(ChatService.class, ((OpenAIClient) s.delegate).chat()),
                    "responses", (s, p, m, a) -> s.wrap(ResponseService.class,
                            ((OpenAIClient) s.delegate).responses()),
                    "async", (s, p, m, a) -> s.wrap(OpenAIClientAsync.class, ((OpenAIClient) s.delegate).async()),
                    "withOptions", (s, p, m, a) -> s.wrap(OpenAIClient.class,
                            ((OpenAIClient) s.delegate).withOptions(options(a))),
                    "models", ServiceProxy::pass,
                    "close", ServiceProxy::pass),
            OpenAIClientAsync.class, Map.of(
                    "chat", (s, p, m, a) -> s.wrap(ChatServiceAsync.class, ((OpenAIClientAsync) s.delegate).chat()),
                    "responses", (s, p, m, a) -> s.wrap(ResponseServiceAsync.class,
                            ((OpenAIClientAsync) s.delegate).responses()),
                    "sync", (s, p, m, a) -> s.wrap(OpenAIClient.class, ((OpenAIClientAsync) s.delegate).sync()),
                    "withOptions", (s, p, m, a) -> s.wrap(OpenAIClientAsync.class,
                            ((OpenAIClientAsync) s.delegate).withOptions(options(a))),
                    "models", ServiceProxy::pass,
                    "close", ServiceProxy::pass),
            ChatService.class, Map.of(
                    "completions", (s, p, m, a) -> s.wrap(ChatCompletionService.class,
                            ((ChatService) s.delegate).completions()),
                    "withOptions", (s, p, m, a) -> s.wrap(ChatService.class,
                            ((ChatService) s.delegate).withOptions(options(a)))),
            ChatServiceAsync.class, Map.of(
                    "completions", (s, p, m, a) -> s.wrap(ChatCompletionServiceAsync.class,
                            ((ChatServiceAsync) s.delegate).completions()),
                    "withOptions", (s, p, m, a) -> s.wrap(ChatServiceAsync.class,
                            ((ChatServiceAsync) s.delegate).withOptions(options(a)))),
            ChatCompletionService.class, Map.of(
                    "create", (s, p, m, a) -> s.governance.call(s.chat(a, false)),
                    "createStreaming", (s, p, m, a) -> s.governance.stream(s.chat(a, true)),
                    "withOptions", (s, p, m, a) -> s.wrap(ChatCompletionService.class,
                            ((ChatCompletionService) s.delegate).withOptions(options(a))),
                    "retrieve", ServiceProxy::pass,
                    "delete", ServiceProxy::pass),
            ChatCompletionServiceAsync.class, Map.of(
                    "create", (s, p, m, a) -> s.governance.callAsync(s.chat(a, false)),
                    "createStreaming", (s, p, m, a) -> s.governance.streamAsync(s.chat(a, true)),
                    "withOptions", (s, p, m, a) -> s.wrap(ChatCompletionServiceAsync.class,
                            ((ChatCompletionServiceAsync) s.delegate).withOptions(options(a))),
                    "retrieve", ServiceProxy::pass,
                    "delete", ServiceProxy::pass),
            ResponseService.class, Map.of(
                    "create", (s, p, m, a) -> s.governance.call(s.responses(a, false)),
                    "createStreaming", (s, p, m, a) -> s.governance.stream(s.responses(a, true)),
                    "withOptions", (s, p, m, a) -> s.wrap(ResponseService.class,
                            ((ResponseService) s.delegate).withOptions(options(a))),
                    "retrieve", ServiceProxy::pass,
                    "delete", ServiceProxy::pass,
                    "cancel", ServiceProxy::pass),
            ResponseServiceAsync.class, Map.of(
                    "create", (s, p, m, a) -> s.governance.callAsync(s.responses(a, false)),
                    "createStreaming", (s, p, m, a) -> s.governance.streamAsync(s.responses(a, true)),
                    "withOptions", (s, p, m, a) -> s.wrap(ResponseServiceAsync.class,
                            ((ResponseServiceAsync) s.delegate).withOptions(options(a))),
                    "retrieve", ServiceProxy::pass,
                    "delete", ServiceProxy::pass,
                    "cancel", ServiceProxy::pass));

    private final Class<?> type;
    private final Object delegate;
    private final Governance governance;

    private ServiceProxy(Class<?> type, Object delegate, Governance governance) {
        this.type = type;
        this.delegate = delegate;
        this.governance = governance;
    }

    /**
     * @param type       the SDK interface
     * @param delegate   the application's instance of it
     * @param governance the governance every call goes through
     * @param <T>        the SDK interface
     * @return the governed instance
     */
    static <T> T of(Class<T> type, T delegate, Governance governance) {
        return type.cast(Proxy.newProxyInstance(ServiceProxy.class.getClassLoader(), new Class<?>[] {type},
                new ServiceProxy(type, delegate, governance)));
    }

    /** @return the interfaces this class governs, for tests that check every method of each is decided */
    static java.util.Set<Class<?>> types() {
        return RULES.keySet();
    }

    /**
     * @param type   an SDK interface
     * @param method one of its methods
     * @return how the method is handled: governed, wrapped, passed, default (an overload) or refused
     */
    static String decision(Class<?> type, Method method) {
        Rule r = RULES.get(type).get(method.getName());
        if (method.isDefault() && !ACCESSORS.contains(method.getName())) {
            return "default";
        }
        if (r == null) {
            return "refused";
        }
        switch (method.getName()) {
            case "create":
            case "createStreaming":
                return governedSignature(method) ? "governed" : "refused";
            case "retrieve":
            case "delete":
            case "cancel":
            case "models":
            case "close":
                return "passed";
            default:
                return "wrapped";
        }
    }

    private <T> T wrap(Class<T> t, T d) {
        return of(t, d, governance);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return "AimsOpenAi(" + type.getSimpleName() + ")";
            }
        }
        switch (decision(type, method)) {
            case "default":
                return InvocationHandler.invokeDefault(proxy, method, args);
            case "refused":
                throw refused(method);
            default:
                return RULES.get(type).get(method.getName()).apply(this, proxy, method, args);
        }
    }

    private UnsupportedOperationException refused(Method method) {
        return new UnsupportedOperationException("AimsOpenAi does not govern " + type.getSimpleName() + "."
                + method.getName() + Arrays.toString(method.getParameterTypes()).replace('[', '(').replace(']', ')')
                + ": it is refused, so that nothing reaches OpenAI around the redactor. Governed:"
                + " chat().completions() and responses() create and createStreaming, blocking and async. Call the"
                + " client you wrapped to use it ungoverned.");
    }

    private static boolean governedSignature(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return p.length == 2 && p[1] == RequestOptions.class
                && (p[0] == ChatCompletionCreateParams.class || p[0] == ResponseCreateParams.class);
    }

    private ResponseCall responses(Object[] a, boolean streamed) {
        ResponseCreateParams params = (ResponseCreateParams) a[0];
        RequestOptions options = (RequestOptions) a[1];
        if (delegate instanceof ResponseService service) {
            return new ResponseCall(params, streamed, new ResponseCall.Backend() {
                @Override
                public Response create(ResponseCreateParams p) {
                    return service.create(p, options);
                }

                @Override
                public AutoCloseable stream(ResponseCreateParams p, ProviderStream.Sink<ResponseStreamEvent> sink) {
                    return ProviderStream.blocking(() -> service.createStreaming(p, options), governance.executor,
                            sink);
                }
            });
        }
        ResponseServiceAsync service = (ResponseServiceAsync) delegate;
        return new ResponseCall(params, streamed, new ResponseCall.Backend() {
            @Override
            public Response create(ResponseCreateParams p) {
                return join(service.create(p, options));
            }

            @Override
            public AutoCloseable stream(ResponseCreateParams p, ProviderStream.Sink<ResponseStreamEvent> sink) {
                return ProviderStream.async(() -> service.createStreaming(p, options), sink);
            }
        });
    }

    private ChatCall chat(Object[] a, boolean streamed) {
        ChatCompletionCreateParams params = (ChatCompletionCreateParams) a[0];
        RequestOptions options = (RequestOptions) a[1];
        if (delegate instanceof ChatCompletionService service) {
            return new ChatCall(params, streamed, new ChatCall.Backend() {
                @Override
                public ChatCompletion create(ChatCompletionCreateParams p) {
                    return service.create(p, options);
                }

                @Override
                public AutoCloseable stream(ChatCompletionCreateParams p,
                        ProviderStream.Sink<com.openai.models.chat.completions.ChatCompletionChunk> sink) {
                    return ProviderStream.blocking(() -> service.createStreaming(p, options), governance.executor,
                            sink);
                }
            });
        }
        ChatCompletionServiceAsync service = (ChatCompletionServiceAsync) delegate;
        return new ChatCall(params, streamed, new ChatCall.Backend() {
            @Override
            public ChatCompletion create(ChatCompletionCreateParams p) {
                return join(service.create(p, options));
            }

            @Override
            public AutoCloseable stream(ChatCompletionCreateParams p,
                    ProviderStream.Sink<com.openai.models.chat.completions.ChatCompletionChunk> sink) {
                return ProviderStream.async(() -> service.createStreaming(p, options), sink);
            }
        });
    }

    /** Waits for an SDK future on the governed call's thread; the SDK's own exception is the provider's failure. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new CompletionException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Consumer<ClientOptions.Builder> options(Object[] args) {
        return (Consumer<ClientOptions.Builder>) args[0];
    }

    private static Object pass(ServiceProxy s, Object proxy, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(s.delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
