package dev.aims.springai;

import dev.aims.api.PolicySource;
import java.nio.file.Path;

/**
 * Reads the policy file named by {@code aims.policy-file}. The auto-configuration asks the one bean of this type for
 * the file's {@link PolicySource} (which may reload the file when it changes); when the property is set and no such
 * bean exists, the application fails to start rather than run without the policies it names.
 */
@FunctionalInterface
public interface AimsPolicyFileLoader {
    /**
     * @param file the policy file
     * @return the policy set in force, read from the file
     * @throws RuntimeException when the file cannot be read or is invalid; the application then fails to start
     */
    PolicySource load(Path file);
}
