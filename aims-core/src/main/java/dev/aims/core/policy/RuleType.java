package dev.aims.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** The rule types a policy file may use, by their wire names. */
enum RuleType {
    MODEL_ALLOW_LIST("model-allow-list"),
    TOKEN_BUDGET("token-budget"),
    RATE_LIMIT("rate-limit"),
    SENSITIVE_DATA("sensitive-data"),
    PURPOSE("purpose"),
    OUTPUT("output"),
    PROMPT_INJECTION("prompt-injection");

    static final Map<String, RuleType> BY_NAME;

    static {
        Map<String, RuleType> m = new LinkedHashMap<>();
        for (RuleType t : values()) {
            m.put(t.wireName, t);
        }
        BY_NAME = m;
    }

    final String wireName;

    RuleType(String wireName) {
        this.wireName = wireName;
    }

    /** Reads this type's parameters, adding their canonical form; null when they had problems (reported). */
    Object parse(Fields f, ParseContext ctx, Map<String, Object> canonical) {
        switch (this) {
            case MODEL_ALLOW_LIST:
                return ModelAllowListRule.parse(f, canonical);
            case TOKEN_BUDGET:
                return TokenBudgetRule.parse(f, ctx, canonical);
            case RATE_LIMIT:
                return RateLimitRule.parse(f, ctx, canonical);
            case SENSITIVE_DATA:
                return SensitiveDataRule.parse(f, ctx, canonical);
            case PURPOSE:
                return PurposeRule.parse(f, canonical);
            case OUTPUT:
                return OutputRule.parse(f, ctx, canonical);
            default:
                return PromptInjectionRule.parse(f, canonical);
        }
    }

    /**
     * @return the key of the rules this one competes with for precedence: rules of one type, and for budgets and
     *         rate limits of one counting subject and window, since a daily and a monthly budget both apply
     */
    String group(Object params) {
        switch (this) {
            case TOKEN_BUDGET:
                return wireName + "/" + ((TokenBudgetRule.Params) params).groupKey();
            case RATE_LIMIT:
                return wireName + "/" + ((RateLimitRule.Params) params).groupKey();
            default:
                return wireName;
        }
    }
}
