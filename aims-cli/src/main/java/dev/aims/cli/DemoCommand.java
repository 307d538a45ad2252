package dev.aims.cli;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.MaxInputSize;
import dev.aims.core.ModelAllowList;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code aims demo}: governs a short scripted story against an in-process fake provider that quotes back what it
 * received, and prints one line per call record. Needs no API key and no network.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a scripted story of governed calls against an in-process fake provider.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CallRecord> records = new CopyOnWriteArrayList<>();
        GovernedClient client = GovernedClient.builder()
                .delegate(DemoCommand::quoteBack)
                .provider("demo")
                .policy(ModelAllowList.of("gpt-4o*"))
                .policy(MaxInputSize.chars(200))
                .observer(records::add)
                .build();
        CallContext ctx = CallContext.builder().principal("demo-user").tenant("support").systemId("support-bot")
                .purpose("customer-support").sessionId("demo-session").build();

        out.println("AIMS demo: every call below passes through GovernedClient before the (fake) provider.");
        out.println();
        attempt(client, ctx, out, "1 allowed question", AiRequest.of("gpt-4o-mini", "What are your opening hours?"));
        attempt(client, ctx, out, "2 model not allowed", AiRequest.of("o1-preview", "Summarise our Q3 numbers."));
        attempt(client, ctx, out, "3 input too large", AiRequest.of("gpt-4o", "x".repeat(500)));
        out.println();
        out.printf("%-4s %-9s %-20s %-12s %s%n", "call", "outcome", "deciding policy", "model", "call id");
        int n = 1;
        for (CallRecord r : records) {
            String deciding = r.decisiveDecision().map(d -> d.policyId() + "@" + d.policyVersion()).orElse("-");
            out.printf("%-4d %-9s %-20s %-12s %s%n", n++, r.outcome().wireName(), deciding, r.requestModel(),
                    r.callId());
        }
        out.flush();
        return records.size() == 3 ? 0 : AimsCommand.EXIT_BAD;
    }

    private static void attempt(GovernedClient client, CallContext ctx, PrintWriter out, String label,
            AiRequest request) {
        try {
            AiResponse response = client.call(request, ctx);
            out.println(label + ": answered (" + response.usage().outputTokens() + " output tokens)");
        } catch (AiPolicyViolationException e) {
            out.println(label + ": denied by " + e.decision().policyId() + " (" + e.decision().reasonCode() + ")");
        } catch (AimsException e) {
            out.println(label + ": failed: " + e.getMessage());
        }
    }

    /** The fake provider: answers with what it received, so the user sees what left the process. */
    private static AiResponse quoteBack(AiRequest request) {
        String received = request.messages().get(request.messages().size() - 1).text();
        return AiResponse.builder()
                .message(Message.assistant("You sent: " + received))
                .usage(Usage.of(received.length() / 4 + 1, received.length() / 4 + 3))
                .finishReason(FinishReason.STOP)
                .model(request.model())
                .responseId("demo-" + Integer.toHexString(received.hashCode()))
                .build();
    }
}
