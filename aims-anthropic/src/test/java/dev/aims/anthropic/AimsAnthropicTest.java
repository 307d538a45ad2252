package dev.aims.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import dev.aims.api.AiResponse;
import dev.aims.api.CallRecord;
import dev.aims.api.ModelClient;
import dev.aims.testkit.LoopbackAnthropicServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The entry point: its builder's rules, and which methods of a wrapped client are governed, passed or refused. */
class AimsAnthropicTest {
    final RecordingObserver observer = new RecordingObserver();
    LoopbackAnthropicServer server;
    AnthropicClient raw;
    AnthropicClientAsync rawAsync;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackAnthropicServer(5);
        raw = AnthropicOkHttpClient.builder().apiKey("sk-ant-test-key").baseUrl(server.baseUrl()).maxRetries(0)
                .build();
        rawAsync = AnthropicOkHttpClientAsync.builder().apiKey("sk-ant-test-key").baseUrl(server.baseUrl())
                .maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        raw.close();
        rawAsync.close();
        server.close();
    }

    static MessageCreateParams hello() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64).addUserMessage("Hello")
                .build();
    }

    @Test
    void governance_twice() {
        AimsAnthropic.Builder b = AimsAnthropic.builder().governance(aims -> { });

        assertThatThrownBy(() -> b.governance(aims -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessage("governance was already set");
    }

    @Test
    void governance_null() {
        assertThatThrownBy(() -> AimsAnthropic.builder().governance(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("governance");
    }

    @Test
    void executor_twice() {
        Executor direct = Runnable::run;
        AimsAnthropic.Builder b = AimsAnthropic.builder().executor(direct);

        assertThatThrownBy(() -> b.executor(direct)).isInstanceOf(IllegalStateException.class)
                .hasMessage("executor was already set");
    }

    @Test
    void governanceMustNotSetTheDelegate() {
        ModelClient other = request -> AiResponse.of("x");

        assertThatThrownBy(() -> AimsAnthropic.builder().governance(aims -> aims.delegate(other)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("governance must not set the delegate: AimsAnthropic sets it");
    }

    @Test
    void aGovernedClientIsNotWrappedTwice() {
        AimsAnthropic aims = AimsAnthropic.create();
        AnthropicClient once = aims.wrap(raw);
        AnthropicClientAsync onceAsync = aims.wrap(rawAsync);

        assertThatThrownBy(() -> aims.wrap(once)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client is already governed by AIMS");
        assertThatThrownBy(() -> aims.wrap(onceAsync)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyMethodThatWouldSendUngovernedContentIsRefusedNamingItself() {
        AnthropicClient client = AimsAnthropic.create().wrap(raw);
        AnthropicClientAsync async = AimsAnthropic.create().wrap(rawAsync);
        MessageCountTokensParams count = MessageCountTokensParams.builder().model("claude-sonnet-4-5")
                .addUserMessage("jane.doe@corp.example").build();
        Map<String, ThrowingCallable> refused = new LinkedHashMap<>();
        refused.put("withRawResponse()", client::withRawResponse);
        refused.put("files()", client::files);
        refused.put("skills()", client::skills);
        refused.put("userProfiles()", client::userProfiles);
        refused.put("organization()", client::organization);
        refused.put("beta()", client::beta);
        refused.put("messages().withRawResponse()", () -> client.messages().withRawResponse());
        refused.put("messages().batches()", () -> client.messages().batches());
        refused.put("messages().countTokens(..)", () -> client.messages().countTokens(count));
        refused.put("async().withRawResponse()", async::withRawResponse);
        refused.put("async().files()", async::files);
        refused.put("async().skills()", async::skills);
        refused.put("async().userProfiles()", async::userProfiles);
        refused.put("async().organization()", async::organization);
        refused.put("async().beta()", async::beta);
        refused.put("async().messages().withRawResponse()", () -> async.messages().withRawResponse());
        refused.put("async().messages().batches()", () -> async.messages().batches());
        refused.put("async().messages().countTokens(..)", () -> async.messages().countTokens(count));

        refused.forEach((method, call) -> assertThat(catchThrowable(call)).as(method)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith(method + " is not governed by AIMS"));
        assertThat(server.bodies()).isEmpty();
    }

    @Test
    void whatSendsNoModelInputIsTheClientsOwn() {
        AnthropicClient client = AimsAnthropic.create().wrap(raw);

        assertThat(client.models()).isSameAs(raw.models());
        assertThat(client.options()).isSameAs(raw.options());
    }

    @Test
    void everyViewOfAGovernedClientIsGoverned() throws Exception {
        AimsAnthropic aims = AimsAnthropic.builder().governance(g -> g.observer(observer)).build();
        AnthropicClient client = aims.wrap(raw);
        try (LoopbackAnthropicServer other = new LoopbackAnthropicServer(5)) {
            AnthropicClient moved = client.withOptions(o -> o.baseUrl(other.baseUrl()));

            moved.messages().create(hello());
            client.async().messages().create(hello()).get(10, TimeUnit.SECONDS);
            client.async().sync().messages().create(hello());
            client.messages().withOptions(o -> o.baseUrl(other.baseUrl())).create(hello());

            assertThat(other.bodies()).hasSize(2);
            assertThat(server.bodies()).hasSize(2);
            assertThat(observer.records).hasSize(4)
                    .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED));
            int port = Integer.parseInt(other.baseUrl().substring(other.baseUrl().lastIndexOf(':') + 1));
            assertThat(observer.records.get(0).serverPort()).isEqualTo(port);
            assertThat(observer.records.get(3).serverPort()).isEqualTo(port);
            assertThat(observer.records.get(0).serverAddress()).hasValue("127.0.0.1");
        }
    }

    @Test
    void anAsyncClientsCallsAreGovernedOnTheExecutorGiven() throws Exception {
        Thread[] ran = new Thread[1];
        Executor recording = task -> {
            Thread t = new Thread(task, "aims-test-executor");
            ran[0] = t;
            t.start();
        };
        AnthropicClientAsync async = AimsAnthropic.builder().governance(g -> g.observer(observer))
                .executor(recording).build().wrap(rawAsync);

        Message answer = async.messages().create(hello()).get(10, TimeUnit.SECONDS);

        assertThat(answer.content().get(0).asText().text()).isEqualTo("You said: Hello");
        assertThat(ran[0]).isNotNull();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
    }

    @Test
    void toStringsNameTheWrappedClientOnly() {
        AimsAnthropic aims = AimsAnthropic.create();
        AnthropicClient client = aims.wrap(raw);

        assertThat(client.toString()).startsWith("AimsAnthropic.wrap(").doesNotContain("sk-ant-test-key");
        assertThat(client.messages().toString()).startsWith("AimsAnthropic.wrap(");
        assertThat(aims.toString()).startsWith("AimsAnthropic{GovernedClient{").contains("redaction=on");
    }
}
