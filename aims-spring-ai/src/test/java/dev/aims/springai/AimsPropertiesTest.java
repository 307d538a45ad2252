package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.Operator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AimsPropertiesTest {
    @Test
    void operatorKeysAreNormalisedToEntityTypeNames() {
        AimsProperties.Redaction r = new AimsProperties.Redaction(true, Operator.PSEUDONYMIZE,
                Map.of("email-address", Operator.MASK, "CREDIT_CARD", Operator.HASH));

        assertThat(r.operators()).containsExactly(Map.entry("CREDIT_CARD", Operator.HASH),
                Map.entry("EMAIL_ADDRESS", Operator.MASK));
    }

    @Test
    void missingValuesTakeTheirDefaults() {
        assertThat(new AimsProperties.Models(null).allow()).isEmpty();
        AimsProperties.Redaction r = new AimsProperties.Redaction(true, null, null);
        assertThat(r.operators()).isEmpty();
        assertThat(r.defaultOperator()).isEqualTo(Operator.PSEUDONYMIZE);
    }
}
