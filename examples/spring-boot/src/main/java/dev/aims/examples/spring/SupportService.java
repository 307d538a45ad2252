package dev.aims.examples.spring;

// snippet-start spring-ai
import dev.aims.api.CallContext;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Service;

// snippet-end spring-ai
/**
 * Answers customers through Spring AI's {@link ChatClient}, built on the auto-configured {@code ChatModel}, which
 * AIMS's auto-configuration has replaced by its governed decorator.
 */
// snippet-start spring-ai
@Service
public class SupportService {
    private final ChatClient chat;

    public SupportService(ChatClient.Builder chat) {
        this.chat = chat.build();
    }

    public String answer(String user, String question) {
        try (CallContext.Scope s = CallContext.bind(CallContext.builder().principal(user).systemId("support-bot")
                .purpose("customer-support").build())) {
            return chat.prompt(question).call().content();   // redacted on the way out, restored on the way back
        }
    }
}
// snippet-end spring-ai
