package dev.aims.examples.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tool the model may call. The example policy names {@code lookupOrder} in {@code restoreIntoTools}, so it
 * receives the real values behind the placeholders the model saw; any other tool would get the placeholders.
 */
public final class OrderTools {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /**
     * @param message the customer's message, as the model passes it on
     * @return the order's status
     */
    @Tool("Looks up the status of a customer's order")
    public String lookupOrder(@P(name = "message", value = "the customer's message, which names the customer")
            String message) {
        calls.add(message);
        String customer = message.substring(message.lastIndexOf(' ') + 1);
        return "Order A-1042 of " + customer + " was shipped on 2 June.";
    }

    /** @return the arguments of every call so far, in order */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
