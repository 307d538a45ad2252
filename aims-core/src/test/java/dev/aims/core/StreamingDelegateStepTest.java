package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.StreamingModelClient;
import dev.aims.api.Usage;
import dev.aims.testkit.FakeRedactor;
import dev.aims.testkit.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingDelegateStepTest {
    static final String EMAIL = "alice.smith@example.org";
    static final String SECRET = "sk-live-0123456789abcdefABCDEF";
    static final String PROSE = "Thank you for your question, here is what we found in our records for you. "
            .repeat(4);

    final RecordingObserver observer = new RecordingObserver();
    final CollectingHandler handler = new CollectingHandler();

    /** A provider that streams the given chunks on the calling thread, then completes with their concatenation. */
    static StreamingModelClient chunks(String... chunks) {
        return (request, h) -> {
            StringBuilder all = new StringBuilder();
            for (String c : chunks) {
                all.append(c);
                h.onPartial(c);
            }
            h.onComplete(AiResponse.builder().message(Message.assistant(all.toString())).usage(Usage.of(5, 9))
                    .finishReason(FinishReason.STOP).build());
        };
    }

    static Policy denyWhenOutputContains(String value) {
        return Policies.of("no-secret-out", "1", PolicyStage.POST,
                in -> !in.response().orElseThrow().text().contains(value), "secret_in_output", "");
    }

    GovernedClient.Builder client(StreamingModelClient provider) {
        return GovernedClient.builder().streamingDelegate(provider).observer(observer).provider("openai");
    }

    @Test
    void secretSplitAcrossChunksIsDeniedBeforeAnyPartOfItLeaves() {
        GovernedClient c = client(chunks(PROSE, "and your key is sk-live-01234", "56789abcdef", "ABCDEF, keep it.",
                PROSE)).policy(denyWhenOutputContains(SECRET)).build();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, handler);

        assertThat(handler.error.get()).isInstanceOf(AiPolicyViolationException.class);
        assertThat(handler.completed.get()).isNull();
        assertThat(handler.text()).isNotEmpty().startsWith("Thank you").doesNotContain("sk-");
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.DENIED);
        assertThat(rec.decisiveDecision().orElseThrow().policyId()).isEqualTo("no-secret-out");
        assertThat(rec.decisiveDecision().orElseThrow().stage()).isEqualTo(PolicyStage.POST);
        assertThat(rec.receivedResponse().orElseThrow().finishReasons()).isEmpty();
    }

    @Test
    void theFirstChunkReachesTheCallerWhileTheProviderIsStillGenerating() throws Exception {
        CountDownLatch callerSawText = new CountDownLatch(1);
        AtomicReference<Boolean> sawBeforeEnd = new AtomicReference<>(false);
        StreamingModelClient slow = (request, h) -> new Thread(() -> {
            h.onPartial(PROSE);
            h.onPartial(PROSE);
            try {
                sawBeforeEnd.set(callerSawText.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            h.onComplete(AiResponse.builder().message(Message.assistant(PROSE + PROSE))
                    .finishReason(FinishReason.STOP).build());
        }).start();
        CollectingHandler signalling = new CollectingHandler() {
            @Override
            public void onPartial(String text) {
                super.onPartial(text);
                callerSawText.countDown();
            }
        };

        client(slow).build().stream(AiRequest.of("m", "hi"), CallContext.EMPTY, signalling);

        assertThat(sawBeforeEnd.get()).isTrue();
        assertThat(signalling.text()).isEqualTo(PROSE + PROSE);
        assertThat(observer.only().firstChunkAt()).isPresent();
    }

    @Test
    void pseudonymSplitAcrossChunksIsRestoredForTheCaller() {
        AtomicReference<AiRequest> sent = new AtomicReference<>();
        StreamingModelClient echo = (request, h) -> {
            sent.set(request);
            String said = request.messages().get(0).text();
            int cut = said.indexOf("<EMAIL_ADDRESS_1>") + 5;
            chunks(PROSE, said.substring(0, cut), said.substring(cut), PROSE).stream(request, h);
        };
        GovernedClient c = client(echo).redactor(new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS"))).build();

        c.stream(AiRequest.of("m", "write to " + EMAIL + " today"), CallContext.EMPTY, handler);

        assertThat(sent.get().messages().get(0).text()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
        assertThat(handler.error.get()).isNull();
        assertThat(handler.text()).isEqualTo(PROSE + "write to " + EMAIL + " today" + PROSE);
        assertThat(handler.completed.get().text()).contains(EMAIL);
    }

    @Test
    void aDenialOnTheWholeAnswerWithholdsTheTail() {
        Policy denyAtEnd = Policies.of("final-check", "1", PolicyStage.POST,
                in -> in.response().orElseThrow().finishReasons().isEmpty(), "rejected", "");
        GovernedClient c = client(chunks(PROSE, PROSE, "the last words")).policy(denyAtEnd).build();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, handler);

        assertThat(handler.error.get()).isInstanceOf(AiPolicyViolationException.class);
        assertThat(handler.text()).isNotEmpty().doesNotContain("the last words");
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void midStreamChecksRecordNoAllowsOnlyTheFinalEvaluation() {
        GovernedClient c = client(chunks(PROSE, PROSE, PROSE, PROSE)).policy(denyWhenOutputContains(SECRET))
                .build();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, handler);

        assertThat(handler.completed.get()).isNotNull();
        assertThat(handler.text()).isEqualTo(PROSE.repeat(4));
        assertThat(observer.only().decisions()).extracting(PolicyDecision::stage).containsExactly(PolicyStage.POST);
    }

    /** A POST rule that masks the secret in the answer, as an output rule does. */
    static Policy maskingTheSecret() {
        return GovernedClientTest.policy("mask-secret", "1", PolicyStage.POST, (self, in) -> {
            AiResponse r = in.response().orElseThrow();
            if (!r.text().contains(SECRET)) {
                return PolicyDecision.allow(self, PolicyStage.POST);
            }
            return PolicyDecision.modify(self, PolicyStage.POST, "output_redacted", "masked a secret",
                    r.mapText(t -> t.replace(SECRET, "*".repeat(8))));
        });
    }

    @Test
    void aModificationMidStreamIsWhatTheCallerIsSent() {
        GovernedClient c = client(chunks(PROSE, "and your key is sk-live-01234", "56789abcdef", "ABCDEF, keep it.",
                PROSE)).policy(maskingTheSecret()).build();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, handler);

        String expected = PROSE + "and your key is ********, keep it." + PROSE;
        assertThat(handler.error.get()).isNull();
        assertThat(handler.partials).hasSizeGreaterThan(1);
        assertThat(handler.text()).isEqualTo(expected).doesNotContain("sk-");
        assertThat(handler.completed.get().text()).isEqualTo(expected);
        CallRecord rec = observer.only();
        assertThat(rec.decisions()).extracting(PolicyDecision::effect).containsExactly(PolicyDecision.Effect.MODIFY);
        assertThat(rec.receivedResponse().orElseThrow().text()).contains(SECRET);
    }

    /** A POST rule that masks every key-like run, even one whose end has not come yet, as a redactor finds one. */
    static Policy maskingKeyPrefixes() {
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("sk-live-[A-Za-z0-9]*");
        return GovernedClientTest.policy("mask-keys", "1", PolicyStage.POST, (self, in) -> {
            AiResponse r = in.response().orElseThrow();
            if (!key.matcher(r.text()).find()) {
                return PolicyDecision.allow(self, PolicyStage.POST);
            }
            return PolicyDecision.modify(self, PolicyStage.POST, "output_redacted", "masked a key",
                    r.mapText(t -> key.matcher(t).replaceAll(m -> "*".repeat(m.group().length()))));
        });
    }

    @Test
    void aKeyMaskedBeforeItsEndCameIsMaskedWholeOnceItHas() {
        GovernedClient c = client(chunks(PROSE, "and your key is sk-live-01234", "56789abcdef", "ABCDEF, keep it.",
                PROSE)).policy(maskingKeyPrefixes()).build();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, handler);

        String expected = PROSE + "and your key is " + "*".repeat(SECRET.length()) + ", keep it." + PROSE;
        assertThat(handler.error.get()).isNull();
        assertThat(handler.partials).hasSizeGreaterThan(1);
        assertThat(handler.text()).isEqualTo(expected).doesNotContain("56789").doesNotContain("ABCDEF");
        assertThat(handler.completed.get().text()).isEqualTo(expected);
    }

    @Test
    void lastChangeEndIsWhereTheTwoTextsStopSharingTheirEnd() {
        assertThat(StreamingDelegateStep.lastChangeEnd("mail jane@x.org now", "mail ********** now")).isEqualTo(15);
        assertThat(StreamingDelegateStep.lastChangeEnd("key sk-live-0123", "key ************")).isEqualTo(16);
        assertThat(StreamingDelegateStep.lastChangeEnd("a jane@x.org b", "a <EMAIL_ADDRESS_1> b")).isEqualTo(12);
        assertThat(StreamingDelegateStep.lastChangeEnd("same", "same")).isZero();
    }

    @Test
    void theExampleOutputRuleMasksEveryValueStreamedInSmallPieces(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("aims-policy.json");
        Files.writeString(policy, "{\"schema\": \"aims-policy/v1\", \"version\": \"1\", \"rules\": [{\"id\":"
                + " \"output-check\", \"type\": \"output\", \"action\": \"redact\", \"operator\": \"MASK\"}]}");
        String answer = "Here is what I know:\n" + Seeds.all() + "That is all.";
        String[] pieces = new String[(answer.length() + 4) / 5];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = answer.substring(i * 5, Math.min(answer.length(), i * 5 + 5));
        }
        GovernedClient c = client(chunks(pieces)).policyFile(policy).build();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, handler);

        assertThat(handler.error.get()).isNull();
        assertThat(handler.partials).hasSizeGreaterThan(1);
        assertThat(handler.text()).startsWith("Here is what I know:").endsWith("That is all.");
        assertThat(Seeds.foundIn("the streamed pieces", handler.text())).isEmpty();
        assertThat(Seeds.foundIn("the complete answer", handler.completed.get().text())).isEmpty();
    }

    @Test
    void aModificationThatRewritesTextAlreadySentFailsClosed() {
        Policy replaceLongAnswers = GovernedClientTest.policy("too-long", "1", PolicyStage.POST, (self, in) ->
                in.response().orElseThrow().text().length() < 400 ? PolicyDecision.allow(self, PolicyStage.POST)
                        : PolicyDecision.modify(self, PolicyStage.POST, "shortened", "",
                                AiResponse.of("Sorry, that was too long.")));
        GovernedClient c = client(chunks(PROSE, PROSE, PROSE)).policy(replaceLongAnswers).build();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, handler);

        assertThat(handler.error.get()).isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("already been sent");
        assertThat(handler.completed.get()).isNull();
        assertThat(handler.text()).startsWith("Thank you");
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    @Test
    void aPolicyFailingMidStreamFailsClosed() {
        Policy broken = Policies.of("broken", "1", PolicyStage.POST, in -> {
            throw new IllegalArgumentException(in.response().orElseThrow().text());
        }, "never", "");
        GovernedClient c = client(chunks(PROSE, PROSE)).policy(broken).build();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, handler);

        assertThat(handler.error.get()).isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("policy 'broken'").hasMessageNotContaining("Thank you");
        assertThat(handler.partials).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    /** Chunks of one to seven characters, as providers cut streams anywhere. */
    static String[] randomChunks(String text, java.util.Random random) {
        java.util.List<String> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int end = Math.min(text.length(), i + 1 + random.nextInt(7));
            pieces.add(text.substring(i, end));
            i = end;
        }
        return pieces.toArray(new String[0]);
    }

    /** @return a run of {@code n} letters and digits without whitespace, no two alike */
    static String run(int n, java.util.Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void aLongRunWithoutWhitespaceIsCheckedAFewTimesACharacterNotOnceEveryFewCharacters() {
        // the POST policies read each window whole: what they read in all, over what was streamed, is the work
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        Policy counting = GovernedClientTest.policy("counting", "1", PolicyStage.POST, (self, in) -> {
            read.addAndGet(in.response().orElseThrow().text().length());
            checks.incrementAndGet();
            return PolicyDecision.allow(self, PolicyStage.POST);
        });
        String answer = PROSE + "sk-".repeat(64 * 1024 / 3) + " " + PROSE;
        String[] pieces = new String[(answer.length() + 3) / 4];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = answer.substring(i * 4, Math.min(answer.length(), i * 4 + 4));
        }
        GovernedClient c = client(chunks(pieces)).policy(counting).build();

        c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, handler);

        assertThat(handler.error.get()).isNull();
        assertThat(handler.text()).isEqualTo(answer);
        // released in steps all along the run, not held to the end
        assertThat(handler.partials).hasSizeGreaterThan(answer.length() / StreamHoldBack.MAX_RUN);
        // the whole answer once at the end, the last window, and about three readings of each character before:
        // checking the held run for every few characters released read it some 250 times
        assertThat(read.get()).as("characters read by %d checks", checks.get()).isLessThan(6L * answer.length());
    }

    @Test
    void aSecretAtTheEndOfALongRunIsNeverReleasedInPartWhateverTheChunking() {
        for (int seed = 0; seed < 40; seed++) {
            java.util.Random random = new java.util.Random(seed);
            // up to twice the longest run held whole: the run's start may be released, the secret never in part
            String before = run(random.nextInt(2 * StreamHoldBack.MAX_RUN), random);
            String answer = PROSE + before + SECRET + ", keep it. " + PROSE;
            boolean deny = random.nextBoolean();
            CollectingHandler h = new CollectingHandler();
            GovernedClient c = client(chunks(randomChunks(answer, random)))
                    .policy(deny ? denyWhenOutputContains(SECRET) : maskingTheSecret()).build();

            c.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, h);

            for (int k = 4; k <= SECRET.length(); k++) {
                assertThat(h.text()).as("seed %d", seed).doesNotContain(SECRET.substring(0, k));
            }
            if (deny) {
                assertThat(h.error.get()).as("seed %d", seed).isInstanceOf(AiPolicyViolationException.class);
            } else {
                assertThat(h.error.get()).as("seed %d", seed).isNull();
                assertThat(h.text()).as("seed %d", seed).isEqualTo(answer.replace(SECRET, "*".repeat(8)));
            }
        }
    }
}
