package dev.aims.otel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A protobuf wire-format reader just large enough to read what the OTLP exporter sends: a message is read into its
 * fields by number, varints and fixed-width values as {@code Long}, length-delimited ones as {@code byte[]}.
 */
final class Protobuf {
    private final Map<Integer, List<Object>> fields;

    private Protobuf(Map<Integer, List<Object>> fields) {
        this.fields = fields;
    }

    static Protobuf parse(byte[] bytes) {
        Map<Integer, List<Object>> fields = new LinkedHashMap<>();
        int[] pos = {0};
        while (pos[0] < bytes.length) {
            long tag = varint(bytes, pos);
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            Object value;
            switch (wireType) {
                case 0:
                    value = varint(bytes, pos);
                    break;
                case 1:
                    value = ByteBuffer.wrap(bytes, pos[0], 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                    pos[0] += 8;
                    break;
                case 2:
                    int length = (int) varint(bytes, pos);
                    byte[] sub = new byte[length];
                    System.arraycopy(bytes, pos[0], sub, 0, length);
                    pos[0] += length;
                    value = sub;
                    break;
                case 5:
                    value = (long) ByteBuffer.wrap(bytes, pos[0], 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    pos[0] += 4;
                    break;
                default:
                    throw new IllegalArgumentException("unsupported wire type " + wireType + " of field " + field);
            }
            fields.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
        }
        return new Protobuf(fields);
    }

    private static long varint(byte[] bytes, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[pos[0]++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    /** @return the embedded messages of a repeated field */
    List<Protobuf> messages(int field) {
        List<Protobuf> out = new ArrayList<>();
        for (Object o : fields.getOrDefault(field, List.of())) {
            out.add(parse((byte[]) o));
        }
        return out;
    }

    Protobuf message(int field) {
        List<Protobuf> all = messages(field);
        return all.isEmpty() ? parse(new byte[0]) : all.get(0);
    }

    String string(int field) {
        List<Object> values = fields.getOrDefault(field, List.of());
        return values.isEmpty() ? null : new String((byte[]) values.get(0), StandardCharsets.UTF_8);
    }

    Long number(int field) {
        List<Object> values = fields.getOrDefault(field, List.of());
        return values.isEmpty() ? null : (Long) values.get(0);
    }

    /** @return a packed repeated double field */
    List<Double> packedDoubles(int field) {
        List<Double> out = new ArrayList<>();
        for (Object o : fields.getOrDefault(field, List.of())) {
            ByteBuffer buf = ByteBuffer.wrap((byte[]) o).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining()) {
                out.add(buf.getDouble());
            }
        }
        return out;
    }

    /**
     * Reads OTLP {@code KeyValue}s (in field {@code field}) into a map of key to value: strings, booleans, longs,
     * doubles, and lists for arrays.
     */
    Map<String, Object> attributes(int field) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Protobuf kv : messages(field)) {
            out.put(kv.string(1), anyValue(kv.message(2)));
        }
        return out;
    }

    private static Object anyValue(Protobuf v) {
        if (v.fields.containsKey(1)) {
            return v.string(1);
        }
        if (v.fields.containsKey(2)) {
            return v.number(2) != 0;
        }
        if (v.fields.containsKey(3)) {
            return v.number(3);
        }
        if (v.fields.containsKey(4)) {
            return Double.longBitsToDouble(v.number(4));
        }
        if (v.fields.containsKey(5)) {
            List<Object> list = new ArrayList<>();
            for (Protobuf item : v.message(5).messages(1)) {
                list.add(anyValue(item));
            }
            return list;
        }
        return null;
    }
}
