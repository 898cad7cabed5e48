package dev.sluice.dao.internal.parquet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The writing half of Thrift's compact protocol, as much as Parquet's page headers and footer need: structs with
 * delta-encoded field headers, zigzag varint integers, booleans, binaries and lists. Fields must be written in
 * increasing id order within a struct.
 */
final class ThriftCompact {

    static final int BOOL_TRUE = 1;
    static final int BOOL_FALSE = 2;
    static final int BYTE = 3;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteSink out;
    private final Deque<Integer> outer = new ArrayDeque<>();
    private int lastField;

    ThriftCompact(ByteSink out) {
        this.out = out;
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastField;
        if (delta > 0 && delta <= 15) {
            out.write((delta << 4) | type);
        } else {
            out.write(type);
            out.writeVarint(zigzag(id));
        }
        lastField = id;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    ThriftCompact i32(int id, int v) {
        fieldHeader(id, I32);
        out.writeVarint(zigzag(v));
        return this;
    }

    ThriftCompact i8(int id, int v) {
        fieldHeader(id, BYTE);
        out.write(v);
        return this;
    }

    ThriftCompact i64(int id, long v) {
        fieldHeader(id, I64);
        out.writeVarint(zigzag(v));
        return this;
    }

    ThriftCompact bool(int id, boolean v) {
        fieldHeader(id, v ? BOOL_TRUE : BOOL_FALSE);
        return this;
    }

    ThriftCompact string(int id, String v) {
        fieldHeader(id, BINARY);
        binaryValue(v.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private void binaryValue(byte[] b) {
        out.writeVarint(b.length);
        out.write(b);
    }

    /** Opens a struct-valued field; close it with {@link #end()}. */
    ThriftCompact struct(int id) {
        fieldHeader(id, STRUCT);
        return begin();
    }

    /** Opens a struct that is a list element (no field header); close it with {@link #end()}. */
    ThriftCompact begin() {
        outer.push(lastField);
        lastField = 0;
        return this;
    }

    /** Writes the stop byte of the open struct. */
    ThriftCompact end() {
        out.write(0);
        lastField = outer.isEmpty() ? 0 : outer.pop();
        return this;
    }

    /** A list field header; the caller writes {@code size} elements of {@code elementType} next. */
    ThriftCompact list(int id, int elementType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write((size << 4) | elementType);
        } else {
            out.write(0xF0 | elementType);
            out.writeVarint(size);
        }
        return this;
    }

    /** A list element of an i32 list. */
    ThriftCompact i32Element(int v) {
        out.writeVarint(zigzag(v));
        return this;
    }

    /** A list element of a string list. */
    ThriftCompact stringElement(String v) {
        binaryValue(v.getBytes(StandardCharsets.UTF_8));
        return this;
    }
}
