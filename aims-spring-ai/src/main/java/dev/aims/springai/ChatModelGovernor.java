package dev.aims.springai;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Replaces every {@link ChatModel} bean, once initialised, with its governed decorator. The governance is looked up
 * only when the first chat model appears, so that this post-processor, created early, pulls no other bean forward.
 */
final class ChatModelGovernor implements BeanPostProcessor {
    private final ObjectProvider<AimsGovernance> governance;

    ChatModelGovernor(ObjectProvider<AimsGovernance> governance) {
        this.governance = governance;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ChatModel && !(bean instanceof GovernedChatModel)) {
            return governance.getObject().govern((ChatModel) bean);
        }
        return bean;
    }
}
