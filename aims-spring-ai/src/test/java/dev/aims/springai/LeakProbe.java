package dev.aims.springai;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.testkit.Seeds;
import dev.aims.testkit.Texts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects everything a governed call emits — captured log output of every logger at DEBUG, the records (their
 * {@code toString()}, every text of the request that left and of the response that came back, the decisions),
 * exceptions with their causes and suppressed exceptions, {@code toString()}s — and searches it for the seeds.
 */
final class LeakProbe implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level level = root.getLevel();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> hits = new ArrayList<>();
    private final List<String> searched = new ArrayList<>();
    private final String[] more;

    /** @param more strings to search for besides the seeds (a principal) */
    LeakProbe(String... more) {
        this.more = more.clone();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
    }

    /** @param where what is searched @param text all of it */
    void search(String where, String text) {
        searched.add(where);
        hits.addAll(Seeds.foundIn(where, text, more));
    }

    void searchRecords(List<CallRecord> records) {
        for (CallRecord r : records) {
            StringBuilder all = new StringBuilder(r.toString()).append('\n').append(r.decisions()).append('\n')
                    .append(r.restorations());
            r.sentRequest().ifPresent(q -> all.append(q).append('\n').append(texts(q)));
            r.receivedResponse().ifPresent(a -> all.append(a).append('\n').append(texts(a)));
            r.decisions().forEach(d -> all.append(d.message()).append(d.obligations()));
            // The record's context as observers read it; the principal is the audit identity, kept as given.
            CallContext c = r.context();
            all.append(c).append(c.tenant()).append(c.systemId()).append(c.purpose()).append(c.sessionId())
                    .append(c.sourceIds()).append(c.labels());
            search("record " + r.callId(), all.toString());
        }
    }

    void searchException(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        search("exception " + e.getClass().getSimpleName(), w.toString() + e);
    }

    /** Searches the log output captured so far. */
    void searchLogs() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            all.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                all.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        search("log output (" + logs.list.size() + " lines)", all.toString());
    }

    /** @return the needles found, each with where */
    List<String> hits() {
        return hits;
    }

    List<String> searched() {
        return searched;
    }

    static String texts(AiRequest request) {
        return Texts.of(request);
    }

    static String texts(AiResponse response) {
        return Texts.of(response);
    }

    @Override
    public void close() {
        root.detachAppender(logs);
        root.setLevel(level);
    }
}
