package dev.aims.examples.spring;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Spring AI quick start of the README, as an application: Spring AI's OpenAI model, auto-configured, governed
 * by AIMS's auto-configuration ({@code application.properties}: the example policy {@code aims-policy.json} and
 * the evidence log {@code evidence/}, both in the working directory).
 *
 * <pre>
 * java … dev.aims.examples.spring.SupportApplication "Where is my order? I'm jane.doe@example.com"
 * </pre>
 */
@SpringBootApplication
public class SupportApplication {
    /**
     * @param args Spring Boot's arguments ({@code --spring.ai.openai.base-url=…}), then the question
     */
    public static void main(String[] args) {
        SpringApplication.run(SupportApplication.class, args);
    }

    /**
     * @param support the service that answers
     * @return a runner answering the question given on the command line, if any
     */
    @Bean
    ApplicationRunner askFromCommandLine(SupportService support) {
        return args -> {
            if (!args.getNonOptionArgs().isEmpty()) {
                System.out.println(support.answer("u-42", String.join(" ", args.getNonOptionArgs())));
            }
        };
    }
}
