package dev.aims.evidence;

import dev.aims.api.CallRecord;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over from the calling threads to the writer. Room for a record is reserved first (a permit),
 * then the record is put, which can then never fail: so a call can be refused before it is made, when the log could
 * not record it, and a record that was given room is never lost on the way. Markers (flush, close) have room of
 * their own, so that they never take a record's. The writer gives the room back as it takes items out.
 */
final class RecordQueue {
    /** Markers that may wait at once; more wait for room, which only flush and close callers ever do. */
    static final int MARKER_ROOM = 64;

    private final ArrayBlockingQueue<Object> queue;
    private final Semaphore recordRoom;
    private final Semaphore markerRoom = new Semaphore(MARKER_ROOM);

    RecordQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity + MARKER_ROOM);
        this.recordRoom = new Semaphore(capacity);
    }

    /** @return whether room for one record was reserved, without waiting */
    boolean tryReserve() {
        return recordRoom.tryAcquire();
    }

    /** @return whether room for one record was reserved within the time */
    boolean tryReserve(long nanos) throws InterruptedException {
        return recordRoom.tryAcquire(nanos, TimeUnit.NANOSECONDS);
    }

    /** Gives back a reservation that will not be filled. */
    void cancel() {
        recordRoom.release();
    }

    /** Puts a record into the room reserved for it. */
    void put(CallRecord record) {
        if (!queue.offer(record)) {
            // Records never exceed their permits and markers never exceed theirs: this cannot happen.
            throw new IllegalStateException("the evidence queue had no room for a record it had reserved room for");
        }
    }

    /** @return whether the marker was queued within the time */
    boolean offerMarker(Object marker, long millis) throws InterruptedException {
        if (!markerRoom.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        queue.offer(marker);
        return true;
    }

    Object poll(long nanos) throws InterruptedException {
        Object o = queue.poll(nanos, TimeUnit.NANOSECONDS);
        if (o != null) {
            taken(o);
        }
        return o;
    }

    Object take() throws InterruptedException {
        Object o = queue.take();
        taken(o);
        return o;
    }

    /** Moves up to {@code max} waiting items to the end of {@code into}. */
    void drainTo(List<Object> into, int max) {
        int from = into.size();
        queue.drainTo(into, max);
        for (int i = from; i < into.size(); i++) {
            taken(into.get(i));
        }
    }

    int size() {
        return queue.size();
    }

    private void taken(Object o) {
        if (o instanceof CallRecord) {
            recordRoom.release();
        } else {
            markerRoom.release();
        }
    }
}
