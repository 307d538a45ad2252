package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.Redactor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class ChatModelGovernorTest {
    final AimsGovernance governance = new AimsGovernance(AimsGovernanceTest.properties(null, null, List.of(), null),
            Redactor.none(), List.of(), null, null, List.of(), List.of(), null, List.of(), getClass().getClassLoader());
    final ChatModelGovernor governor = new ChatModelGovernor(
            new StaticListableBeanFactory(Map.of("aimsGovernance", governance)).getBeanProvider(AimsGovernance.class));

    @Test
    void aChatModelIsReplacedByItsGovernedDecorator() {
        EchoChatModel model = new EchoChatModel();

        Object bean = governor.postProcessAfterInitialization(model, "chatModel");

        assertThat(bean).isInstanceOf(GovernedChatModel.class).hasToString("AimsSpringAi.govern(EchoChatModel)");
        assertThat(((ChatModel) bean).call("hi")).isEqualTo("You said: hi");
        assertThat(model.received).hasSize(1);
    }

    @Test
    void otherBeansAreLeftAlone() {
        Object other = "not a model";

        assertThat(governor.postProcessAfterInitialization(other, "other")).isSameAs(other);
    }

    @Test
    void aGovernedModelIsNotGovernedTwice() {
        Object once = governor.postProcessAfterInitialization(new EchoChatModel(), "chatModel");

        assertThat(governor.postProcessAfterInitialization(once, "chatModel")).isSameAs(once);
    }
}
