package dev.aims.openai;

import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every record it is handed. */
final class RecordingObserver implements CallObserver {
    final List<CallRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void onCall(CallRecord record) {
        records.add(record);
    }

    CallRecord only() {
        if (records.size() != 1) {
            throw new AssertionError("expected exactly one record, got " + records.size());
        }
        return records.get(0);
    }
}
