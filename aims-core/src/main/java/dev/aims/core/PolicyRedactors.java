package dev.aims.core;

import dev.aims.api.Policy;
import dev.aims.api.Redactor;
import java.util.ArrayList;
import java.util.List;

/**
 * One redactor per client, by construction: policies that decide on findings (a sensitive-data rule's deny, an
 * output rule's scan) must read the findings of the redactor that redacts the call, or a type they deny could go
 * out unfound — another redactor knows other types, a missing one finds nothing.
 */
final class PolicyRedactors {
    private PolicyRedactors() {
    }

    /**
     * @return the one redactor the policies that read findings were made with, or null when none names one
     * @throws IllegalStateException if they were made with different redactors
     */
    static Redactor common(List<Policy> policies) {
        Redactor found = null;
        List<String> ids = new ArrayList<>();
        boolean clash = false;
        for (Policy p : policies) {
            Redactor r = redactorOf(p);
            if (r == null || r == Redactor.none()) {
                continue;
            }
            ids.add(p.id());
            if (found == null) {
                found = r;
            } else if (found != r) {
                clash = true;
            }
        }
        if (clash) {
            throw new IllegalStateException("policies " + ids + " were made with different redactors; a client"
                    + " redacts with one: load them with the same PolicyLoader, or give the files to"
                    + " GovernedClient.Builder.policyFile");
        }
        return found;
    }

    /**
     * @throws IllegalStateException naming the policies that read findings of another redactor than
     *                               {@code client}, of none, or while {@code client} is {@link Redactor#none()}
     */
    static void check(List<Policy> policies, Redactor client) {
        List<String> other = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Policy p : policies) {
            Redactor r = redactorOf(p);
            if (r == null) {
                continue;
            }
            if (client == Redactor.none()) {
                without.add(p.id());
            } else if (r == Redactor.none()) {
                without.add(p.id());
            } else if (r != client) {
                other.add(p.id());
            }
        }
        if (client == Redactor.none() && !without.isEmpty()) {
            throw new IllegalStateException("policies " + without + " decide on the redactor's findings, but the"
                    + " client's redaction is off (Redactor.none()): they would never fire. Remove"
                    + " .redactor(Redactor.none()), or remove those rules");
        }
        if (!without.isEmpty()) {
            throw new IllegalStateException("policies " + without + " decide on the redactor's findings but were"
                    + " loaded without a redactor: load them with PolicyLoader.builder().redactor(r) and give the"
                    + " client the same r, or give the file to GovernedClient.Builder.policyFile");
        }
        if (!other.isEmpty()) {
            throw new IllegalStateException("policies " + other + " were loaded with another redactor than the"
                    + " client's: give the client the loader's redactor (.redactor(r)), or give the file to"
                    + " GovernedClient.Builder.policyFile");
        }
    }

    private static Redactor redactorOf(Policy p) {
        try {
            return p.redactor();
        } catch (RuntimeException e) {
            throw new IllegalStateException("policy '" + p.id() + "' failed to say which redactor it reads ("
                    + e.getClass().getName() + ")", e);
        }
    }
}
