package dev.aims.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.core.ClientOptions;
import com.anthropic.services.async.BetaServiceAsync;
import com.anthropic.services.async.FileServiceAsync;
import com.anthropic.services.async.MessageServiceAsync;
import com.anthropic.services.async.ModelServiceAsync;
import com.anthropic.services.async.OrganizationServiceAsync;
import com.anthropic.services.async.SkillServiceAsync;
import com.anthropic.services.async.UserProfileServiceAsync;
import java.util.function.Consumer;

/**
 * The governed {@link AnthropicClientAsync}; what is governed, passed through and refused is as for
 * {@link GovernedAnthropicClient}. Its {@link #sync()} view is governed too.
 */
final class GovernedAnthropicClientAsync implements AnthropicClientAsync {
    private final AnthropicClientAsync delegate;
    private final AimsAnthropic aims;
    private final MessageServiceAsync messages;

    GovernedAnthropicClientAsync(AnthropicClientAsync delegate, AimsAnthropic aims) {
        this.delegate = delegate;
        this.aims = aims;
        this.messages = new GovernedMessageServiceAsync(delegate.messages(), delegate.options(), aims);
    }

    @Override
    public AnthropicClient sync() {
        return new GovernedAnthropicClient(delegate.sync(), aims);
    }

    /** @throws UnsupportedOperationException always: raw responses bypass governance */
    @Override
    public WithRawResponse withRawResponse() {
        throw AimsAnthropic.refused("async().withRawResponse()");
    }

    @Override
    public ClientOptions options() {
        return delegate.options();
    }

    @Override
    public AnthropicClientAsync withOptions(Consumer<ClientOptions.Builder> modifier) {
        return new GovernedAnthropicClientAsync(delegate.withOptions(modifier), aims);
    }

    @Override
    public MessageServiceAsync messages() {
        return messages;
    }

    /** @return the SDK's model service: it lists and describes models, and sends no model input */
    @Override
    public ModelServiceAsync models() {
        return delegate.models();
    }

    /** @throws UnsupportedOperationException always: uploads are not governed */
    @Override
    public FileServiceAsync files() {
        throw AimsAnthropic.refused("async().files()");
    }

    /** @throws UnsupportedOperationException always: skills upload content that is not governed */
    @Override
    public SkillServiceAsync skills() {
        throw AimsAnthropic.refused("async().skills()");
    }

    /** @throws UnsupportedOperationException always: not governed */
    @Override
    public UserProfileServiceAsync userProfiles() {
        throw AimsAnthropic.refused("async().userProfiles()");
    }

    /** @throws UnsupportedOperationException always: not governed */
    @Override
    public OrganizationServiceAsync organization() {
        throw AimsAnthropic.refused("async().organization()");
    }

    /** @throws UnsupportedOperationException always: the beta services are not governed */
    @Override
    public BetaServiceAsync beta() {
        throw AimsAnthropic.refused("async().beta()");
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
