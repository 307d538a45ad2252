package dev.aims.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the command talks to a person at a terminal, for progress that would only clutter a pipe or a file. */
final class Terminal {
    private Terminal() {
    }

    /**
     * @return whether standard input and output are a terminal. Up to Java 21 that is {@code System.console() !=
     *         null}; from Java 22 the console exists even when redirected and {@code Console.isTerminal()} tells.
     */
    static boolean attached() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before Java 22, a console is only there for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
