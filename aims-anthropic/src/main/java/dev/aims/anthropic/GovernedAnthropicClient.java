package dev.aims.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.core.ClientOptions;
import com.anthropic.services.blocking.BetaService;
import com.anthropic.services.blocking.FileService;
import com.anthropic.services.blocking.MessageService;
import com.anthropic.services.blocking.ModelService;
import com.anthropic.services.blocking.OrganizationService;
import com.anthropic.services.blocking.SkillService;
import com.anthropic.services.blocking.UserProfileService;
import java.util.function.Consumer;

/**
 * The governed {@link AnthropicClient}. Governed: {@link #messages()} ({@code create}, {@code createStreaming});
 * its {@link #async()} and {@link #withOptions} views are governed the same way. Passed through, because they send
 * no model input: {@link #models()}, {@link #options()}, {@link #close()}. Refused with an
 * {@link UnsupportedOperationException}, because they would send content AIMS has not scanned or bypass it:
 * {@code withRawResponse()}, {@code files()}, {@code skills()}, {@code userProfiles()}, {@code organization()},
 * {@code beta()}. A method a later SDK adds to the interface is not implemented here: calling it fails.
 */
final class GovernedAnthropicClient implements AnthropicClient {
    private final AnthropicClient delegate;
    private final AimsAnthropic aims;
    private final MessageService messages;

    GovernedAnthropicClient(AnthropicClient delegate, AimsAnthropic aims) {
        this.delegate = delegate;
        this.aims = aims;
        this.messages = new GovernedMessageService(delegate.messages(), delegate.options(), aims);
    }

    @Override
    public AnthropicClientAsync async() {
        return new GovernedAnthropicClientAsync(delegate.async(), aims);
    }

    /** @throws UnsupportedOperationException always: raw responses bypass governance */
    @Override
    public WithRawResponse withRawResponse() {
        throw AimsAnthropic.refused("withRawResponse()");
    }

    @Override
    public ClientOptions options() {
        return delegate.options();
    }

    @Override
    public AnthropicClient withOptions(Consumer<ClientOptions.Builder> modifier) {
        return new GovernedAnthropicClient(delegate.withOptions(modifier), aims);
    }

    @Override
    public MessageService messages() {
        return messages;
    }

    /** @return the SDK's model service: it lists and describes models, and sends no model input */
    @Override
    public ModelService models() {
        return delegate.models();
    }

    /** @throws UnsupportedOperationException always: uploads are not governed */
    @Override
    public FileService files() {
        throw AimsAnthropic.refused("files()");
    }

    /** @throws UnsupportedOperationException always: skills upload content that is not governed */
    @Override
    public SkillService skills() {
        throw AimsAnthropic.refused("skills()");
    }

    /** @throws UnsupportedOperationException always: not governed */
    @Override
    public UserProfileService userProfiles() {
        throw AimsAnthropic.refused("userProfiles()");
    }

    /** @throws UnsupportedOperationException always: not governed */
    @Override
    public OrganizationService organization() {
        throw AimsAnthropic.refused("organization()");
    }

    /** @throws UnsupportedOperationException always: the beta services are not governed */
    @Override
    public BetaService beta() {
        throw AimsAnthropic.refused("beta()");
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "AimsAnthropic.wrap(" + delegate.getClass().getSimpleName() + ")";
    }
}
