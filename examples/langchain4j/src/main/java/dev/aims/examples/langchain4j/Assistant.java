package dev.aims.examples.langchain4j;

/** The application's AI service, implemented by LangChain4j's {@code AiServices}. */
public interface Assistant {
    /**
     * @param message what the customer wrote
     * @return the answer
     */
    String chat(String message);
}
