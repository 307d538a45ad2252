package dev.aims.redis;

import dev.aims.core.policy.QuotaStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The script calls of one operation on several counters: the counters grouped by cluster slot (all in one group on
 * a single server), each group one call of {@code quota.lua} with seven arguments per counter.
 */
final class ScriptCalls {
    /** The script's arguments per counter. */
    static final int FIELDS = 7;

    /** Counter {@code groups[g][j]} is the {@code j}-th of call {@code g}. */
    final int[][] groups;
    final String[][] keys;
    final String[][] args;

    private ScriptCalls(int[][] groups, String[][] keys, String[][] args) {
        this.groups = groups;
        this.keys = keys;
        this.args = args;
    }

    /**
     * @param redisKeys each counter's Redis key
     * @param fields    each counter's seven script arguments
     * @param redis     what tells the groups apart
     */
    static ScriptCalls of(String[] redisKeys, String[][] fields, ScriptConnection redis) {
        Map<Integer, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < redisKeys.length; i++) {
            byGroup.computeIfAbsent(redis.group(redisKeys[i]), g -> new ArrayList<>(4)).add(i);
        }
        int n = byGroup.size();
        int[][] groups = new int[n][];
        String[][] keys = new String[n][];
        String[][] args = new String[n][];
        int g = 0;
        for (List<Integer> members : byGroup.values()) {
            groups[g] = new int[members.size()];
            keys[g] = new String[members.size()];
            args[g] = new String[members.size() * FIELDS];
            for (int j = 0; j < members.size(); j++) {
                int i = members.get(j);
                groups[g][j] = i;
                keys[g][j] = redisKeys[i];
                System.arraycopy(fields[i], 0, args[g], j * FIELDS, FIELDS);
            }
            g++;
        }
        return new ScriptCalls(groups, keys, args);
    }

    /**
     * @param op     {@code c} consume, {@code a} charge, {@code r} refund
     * @param amount the amount, {@code >= 0}
     * @param at     for a correction, the time of the consumption on the server's clock, epoch microseconds
     * @return the script's arguments for one counter: operation, window kind, amount, limit, window size, slices,
     *         time
     */
    static String[] fields(String op, QuotaStore.Window window, long amount, long limit, long at) {
        String kind;
        long size;
        int slices = 0;
        switch (window.kind()) {
            case FIXED:
                kind = "F";
                size = window.end().toEpochMilli();
                break;
            case SLIDING:
                kind = "S";
                size = window.length().toMillis() / window.slices();
                slices = window.slices();
                break;
            default:
                kind = "R";
                size = window.length().toMillis();
                break;
        }
        return new String[] {op, kind, Long.toString(amount), Long.toString(limit), Long.toString(size),
            Integer.toString(slices), Long.toString(at)};
    }

    /** @return number {@code i} of a script reply */
    static long number(List<?> reply, int i) {
        return ((Number) reply.get(i)).longValue();
    }
}
