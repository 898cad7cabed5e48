package dev.sluice.dao.internal.parquet;

import dev.sluice.dao.delta.DataType;
import dev.sluice.dao.delta.StructField;
import dev.sluice.dao.delta.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes rows of Databricks types into one Parquet file with one row group: PLAIN values, data pages v1 with
 * RLE levels, a Thrift compact footer, and logical types as Spark writes them (DECIMAL as INT32/INT64/fixed bytes
 * by precision, TIMESTAMP as INT64 micros adjusted to UTC, TIMESTAMP_NTZ not adjusted, DATE, STRING; ARRAY, MAP and
 * STRUCT nested to any depth with Spark's three-level list and map layouts). Values are checked, never narrowed:
 * a value that does not fit its column is an {@link IllegalArgumentException} or {@link ArithmeticException}
 * naming the column. Not thread-safe: one thread adds rows, then any one thread calls {@link #finish}.
 */
public final class ParquetWriter {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** A node of the Parquet schema tree. */
    private sealed interface Node permits LeafNode, GroupNode, ListNode, MapNode {
        String name();
    }

    private record LeafNode(String name, Leaf leaf, boolean optional) implements Node {
    }

    private record GroupNode(String name, List<Node> children, List<Leaf> leaves) implements Node {
    }

    private record ListNode(String name, Node element, int rep, List<Leaf> leaves) implements Node {
    }

    private record MapNode(String name, Node key, Node value, int rep, List<Leaf> leaves) implements Node {
    }

    private final List<String> columns;
    private final List<Node> top = new ArrayList<>();
    private final List<Leaf> leaves = new ArrayList<>();
    private final List<DataType> types;
    private final Codec codec;
    private long rows;

    /** A writer for rows whose values are given in {@code columns} order, of the given Databricks types. */
    public ParquetWriter(List<String> columns, List<DataType> types, Codec codec) {
        if (columns.size() != types.size() || columns.isEmpty()) {
            throw new IllegalArgumentException("columns and types differ in number: " + columns + " " + types);
        }
        this.columns = List.copyOf(columns);
        this.types = List.copyOf(types);
        this.codec = codec;
        for (int i = 0; i < columns.size(); i++) {
            top.add(node(columns.get(i), types.get(i), true, List.of(), 0, 0));
        }
    }

    /** Whether the writer can write a column of this type (every primitive Databricks type but VARIANT/INTERVAL). */
    public static boolean supports(DataType type) {
        try {
            new ParquetWriter(List.of("c"), List.of(type), Codec.UNCOMPRESSED);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Node node(String name, DataType type, boolean optional, List<String> parent, int def, int rep) {
        List<String> path = new ArrayList<>(parent);
        path.add(name);
        int d = def + (optional ? 1 : 0);
        if (type instanceof DataType.Primitive p) {
            Leaf leaf = leaf(String.join(".", path), path, p, d, rep);
            leaves.add(leaf);
            return new LeafNode(name, leaf, optional);
        }
        int first = leaves.size();
        if (type instanceof StructType s) {
            List<Node> children = new ArrayList<>();
            for (StructField f : s.fields()) {
                children.add(node(f.name(), f.type(), true, path, d, rep));
            }
            return new GroupNode(name, children, List.copyOf(leaves.subList(first, leaves.size())));
        }
        if (type instanceof DataType.ArrayType a) {
            List<String> p = new ArrayList<>(path);
            p.add("list");
            Node element = node("element", a.element(), true, p, d + 1, rep + 1);
            return new ListNode(name, element, rep + 1, List.copyOf(leaves.subList(first, leaves.size())));
        }
        DataType.MapType m = (DataType.MapType) type;
        List<String> p = new ArrayList<>(path);
        p.add("key_value");
        Node key = node("key", m.key(), false, p, d + 1, rep + 1);
        Node value = node("value", m.value(), true, p, d + 1, rep + 1);
        return new MapNode(name, key, value, rep + 1, List.copyOf(leaves.subList(first, leaves.size())));
    }

    private static Leaf leaf(String name, List<String> path, DataType.Primitive p, int def, int rep) {
        Leaf.Kind kind;
        int precision = 0;
        int scale = 0;
        switch (p.base()) {
            case "boolean" -> kind = Leaf.Kind.BOOLEAN;
            case "tinyint" -> kind = Leaf.Kind.INT8;
            case "smallint" -> kind = Leaf.Kind.INT16;
            case "int" -> kind = Leaf.Kind.INT32;
            case "bigint" -> kind = Leaf.Kind.INT64;
            case "float" -> kind = Leaf.Kind.FLOAT;
            case "double" -> kind = Leaf.Kind.DOUBLE;
            case "string", "varchar", "char" -> kind = Leaf.Kind.STRING;
            case "binary" -> kind = Leaf.Kind.BINARY;
            case "date" -> kind = Leaf.Kind.DATE;
            case "timestamp" -> kind = Leaf.Kind.TIMESTAMP;
            case "timestamp_ntz" -> kind = Leaf.Kind.TIMESTAMP_NTZ;
            case "decimal" -> {
                List<Integer> args = p.arguments();
                precision = args.isEmpty() ? 10 : args.get(0);
                scale = args.size() < 2 ? 0 : args.get(1);
                kind = precision <= 9 ? Leaf.Kind.DECIMAL_INT32 : precision <= 18 ? Leaf.Kind.DECIMAL_INT64
                        : Leaf.Kind.DECIMAL_FIXED;
            }
            default -> throw new IllegalArgumentException("column " + name + ": type " + p.sql()
                    + " cannot be bulk loaded");
        }
        return new Leaf(name, path, kind, precision, scale, def, rep);
    }

    public long rows() {
        return rows;
    }

    /** The uncompressed bytes held so far: the measure by which a caller cuts files. */
    public long bufferedBytes() {
        long n = 0;
        for (Leaf l : leaves) {
            n += l.bufferedBytes();
        }
        return n;
    }

    /** Adds a row, one value per column in the writer's column order (null for SQL NULL). */
    public void row(Object[] values) {
        if (values.length != top.size()) {
            throw new IllegalArgumentException("a row has " + values.length + " values for " + top.size()
                    + " columns " + columns);
        }
        for (int i = 0; i < values.length; i++) {
            write(top.get(i), values[i], 0, 0);
        }
        for (Leaf l : leaves) {
            l.endRow();
        }
        rows++;
    }

    /** Writes {@code v} under {@code n}, whose parent is defined to level {@code def}. */
    private void write(Node n, Object v, int rep, int def) {
        if (n instanceof LeafNode l) {
            if (v == null) {
                if (!l.optional()) {
                    throw new IllegalArgumentException("column " + l.leaf().name + " may not be null (a map key)");
                }
                l.leaf().absent(rep, def);
            } else {
                l.leaf().value(v, rep);
            }
        } else if (v == null) {
            absent(n, rep, def);
        } else if (n instanceof GroupNode g) {
            List<Node> children = g.children();
            for (int i = 0; i < children.size(); i++) {
                write(children.get(i), field(g, v, i), rep, def + 1);
            }
        } else if (n instanceof ListNode list) {
            Collection<?> items = items(list.name(), v);
            if (items.isEmpty()) {
                absent(n, rep, def + 1);
            }
            int r = rep;
            for (Object item : items) {
                write(list.element(), item, r, def + 2);
                r = list.rep();
            }
        } else {
            MapNode map = (MapNode) n;
            if (!(v instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("map column " + map.name() + " takes a java.util.Map, not "
                        + v.getClass().getName());
            }
            if (m.isEmpty()) {
                absent(n, rep, def + 1);
            }
            int r = rep;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                write(map.key(), e.getKey(), r, def + 2);
                write(map.value(), e.getValue(), r, def + 2);
                r = map.rep();
            }
        }
    }

    private static void absent(Node n, int rep, int def) {
        for (Leaf l : leavesOf(n)) {
            l.absent(rep, def);
        }
    }

    private static List<Leaf> leavesOf(Node n) {
        if (n instanceof GroupNode g) {
            return g.leaves();
        }
        if (n instanceof ListNode l) {
            return l.leaves();
        }
        if (n instanceof MapNode m) {
            return m.leaves();
        }
        return List.of(((LeafNode) n).leaf());
    }

    private static Collection<?> items(String name, Object v) {
        if (v instanceof Collection<?> c) {
            return c;
        }
        if (v instanceof Object[] a) {
            return java.util.Arrays.asList(a);
        }
        throw new IllegalArgumentException("array column " + name + " takes a java.util.List or Object[], not "
                + v.getClass().getName());
    }

    /** Field {@code i} of a struct value given as a Map (by name), a record (by component name) or a List. */
    private static Object field(GroupNode g, Object v, int i) {
        String name = g.children().get(i).name();
        if (v instanceof Map<?, ?> m) {
            if (m.containsKey(name)) {
                return m.get(name);
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() instanceof String k && k.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return e.getValue();
                }
            }
            return null;
        }
        if (v instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getName().equalsIgnoreCase(name)) {
                    try {
                        c.getAccessor().setAccessible(true);
                        return c.getAccessor().invoke(r);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalArgumentException("cannot read " + name + " of " + r.getClass().getName(), e);
                    }
                }
            }
            return null;
        }
        if (v instanceof List<?> l) {
            return l.get(i);
        }
        if (v instanceof Object[] a) {
            return a[i];
        }
        throw new IllegalArgumentException("struct column " + g.name() + " takes a Map, a record or a List, not "
                + v.getClass().getName());
    }

    /** Compresses the pages and writes the whole file; returns the bytes written. */
    public long finish(OutputStream out) throws IOException {
        Snappy snappy = new Snappy();
        long pos = 0;
        out.write(MAGIC);
        pos += MAGIC.length;
        long[] offsets = new long[leaves.size()];
        long[] compressed = new long[leaves.size()];
        long[] uncompressed = new long[leaves.size()];
        ByteSink header = new ByteSink(64);
        for (int i = 0; i < leaves.size(); i++) {
            Leaf leaf = leaves.get(i);
            leaf.seal();
            offsets[i] = pos;
            for (int p = 0; p < leaf.pages.size(); p++) {
                byte[] body = leaf.pages.get(p);
                byte[] packed = codec.compress(body, snappy);
                header.reset();
                new ThriftCompact(header).i32(1, 0).i32(2, body.length).i32(3, packed.length)
                        .struct(5).i32(1, leaf.pageEntries.get(p)).i32(2, 0).i32(3, 3).i32(4, 3).end()
                        .end();
                header.writeTo(out);
                out.write(packed);
                pos += header.size() + packed.length;
                compressed[i] += header.size() + packed.length;
                uncompressed[i] += header.size() + body.length;
                leaf.pages.set(p, null); // let the page go as soon as it is written
            }
        }
        ByteSink footer = new ByteSink(4096);
        footer(new ThriftCompact(footer), offsets, compressed, uncompressed);
        footer.writeTo(out);
        ByteSink tail = new ByteSink(8);
        tail.writeIntLe(footer.size());
        tail.write(MAGIC);
        tail.writeTo(out);
        return pos + footer.size() + 8;
    }

    private void footer(ThriftCompact t, long[] offsets, long[] compressed, long[] uncompressed) {
        t.i32(1, 1);
        int count = 1 + countNodes(top);
        t.list(2, ThriftCompact.STRUCT, count);
        t.begin().string(4, "spark_schema").i32(5, top.size()).end();
        for (Node n : top) {
            schemaElements(t, n);
        }
        t.i64(3, rows);
        long totalCompressed = 0;
        long totalUncompressed = 0;
        for (int i = 0; i < leaves.size(); i++) {
            totalCompressed += compressed[i];
            totalUncompressed += uncompressed[i];
        }
        t.list(4, ThriftCompact.STRUCT, 1).begin();
        t.list(1, ThriftCompact.STRUCT, leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            Leaf l = leaves.get(i);
            t.begin().i64(2, offsets[i]).struct(3);
            t.i32(1, l.kind.physical);
            t.list(2, ThriftCompact.I32, 2).i32Element(0).i32Element(3);
            t.list(3, ThriftCompact.BINARY, l.path.size());
            for (String p : l.path) {
                t.stringElement(p);
            }
            t.i32(4, codec.thriftId).i64(5, l.totalEntries).i64(6, uncompressed[i]).i64(7, compressed[i])
                    .i64(9, offsets[i]);
            t.end().end();
        }
        t.i64(2, totalUncompressed).i64(3, rows).i64(5, offsets.length == 0 ? 4 : offsets[0])
                .i64(6, totalCompressed).end();
        t.string(6, "sluice version 0.1.0 (build sluice)");
        t.end();
    }

    private static int countNodes(List<Node> nodes) {
        int n = 0;
        for (Node node : nodes) {
            if (node instanceof GroupNode g) {
                n += 1 + countNodes(g.children());
            } else if (node instanceof ListNode l) {
                n += 2 + countNodes(List.of(l.element()));
            } else if (node instanceof MapNode m) {
                n += 2 + countNodes(List.of(m.key(), m.value()));
            } else {
                n += 1;
            }
        }
        return n;
    }

    /** SchemaElement: 1 type, 2 type_length, 3 repetition, 4 name, 5 num_children, 6 converted, 7 scale, 8 precision, 10 logical. */
    private static void schemaElements(ThriftCompact t, Node n) {
        if (n instanceof LeafNode l) {
            leafElement(t, l.leaf(), l.optional());
        } else if (n instanceof GroupNode g) {
            t.begin().i32(3, 1).string(4, g.name()).i32(5, g.children().size()).end();
            for (Node c : g.children()) {
                schemaElements(t, c);
            }
        } else if (n instanceof ListNode l) {
            t.begin().i32(3, 1).string(4, l.name()).i32(5, 1).i32(6, 3).struct(10).struct(3).end().end().end();
            t.begin().i32(3, 2).string(4, "list").i32(5, 1).end();
            schemaElements(t, l.element());
        } else {
            MapNode m = (MapNode) n;
            t.begin().i32(3, 1).string(4, m.name()).i32(5, 1).i32(6, 1).struct(10).struct(2).end().end().end();
            t.begin().i32(3, 2).string(4, "key_value").i32(5, 2).end();
            schemaElements(t, m.key());
            schemaElements(t, m.value());
        }
    }

    private static void leafElement(ThriftCompact t, Leaf l, boolean optional) {
        t.begin().i32(1, l.kind.physical);
        if (l.kind == Leaf.Kind.DECIMAL_FIXED) {
            t.i32(2, l.fixedLength);
        }
        t.i32(3, optional ? 1 : 0).string(4, l.path.get(l.path.size() - 1));
        switch (l.kind) {
            case STRING -> t.i32(6, 0).struct(10).struct(1).end().end();
            case INT8 -> t.i32(6, 15).struct(10).struct(10).i8(1, 8).bool(2, true).end().end();
            case INT16 -> t.i32(6, 16).struct(10).struct(10).i8(1, 16).bool(2, true).end().end();
            case DECIMAL_INT32, DECIMAL_INT64, DECIMAL_FIXED -> t.i32(6, 5).i32(7, l.scale).i32(8, l.precision)
                    .struct(10).struct(5).i32(1, l.scale).i32(2, l.precision).end().end();
            case DATE -> t.i32(6, 6).struct(10).struct(6).end().end();
            case TIMESTAMP -> t.i32(6, 10).struct(10).struct(8).bool(1, true).struct(2).struct(2).end().end().end()
                    .end();
            case TIMESTAMP_NTZ -> t.struct(10).struct(8).bool(1, false).struct(2).struct(2).end().end().end().end();
            default -> {
                // plain physical types: INT32, INT64, FLOAT, DOUBLE, BOOLEAN, BINARY
            }
        }
        t.end();
    }
}
