package dev.lanes.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, so that arrays written by Lanes open in PyTorch ({@code safetensors.torch.load_file})
 * and NumPy.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8
 * JSON, an object mapping each tensor name to {@code {"dtype":…,"shape":[…],"data_offsets":[b,e]}}
 * plus an optional {@code "__metadata__"} object of string values, padded with spaces to a
 * multiple of 8 bytes; then the data, each tensor's little-endian values at bytes
 * {@code [b, e)} of the data section. Lanes writes the tensors contiguously in the order given.
 *
 * <p>Reading is strict: the header must be complete JSON of that form, every dtype one of
 * {@link Tensor.DType}, every {@code e − b} the tensor's byte size, and the offsets must tile
 * the data section exactly, without gap, overlap or trailing bytes. A file that fails any check
 * is rejected with an {@link IOException} naming the file and the problem.
 */
public final class SafeTensors {
    /** The key of the metadata object in the header. */
    public static final String METADATA = "__metadata__";
    private static final long MAX_HEADER = 100L << 20;
    /** The most elements one tensor may have (the largest Java array). */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** {@link #read} allocates at most this many bytes per byte of header (besides the data). */
    public static final int BYTES_PER_HEADER_BYTE = 8 + 2 * Json.BYTES_PER_CHAR;
    /** {@link #read} allocates at most this many bytes besides those that grow with the file. */
    public static final int FIXED_ALLOCATION = 1 << 20;
    private static final int CHUNK = 1 << 16;

    private SafeTensors() {}

    /** The content of a file: metadata and tensors, in file order. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {
        /**
         * The tensor called {@code name}.
         *
         * @throws IllegalArgumentException if there is none
         */
        public Tensor tensor(String name) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no tensor named '" + name + "'");
            }
            return t;
        }
    }

    /**
     * Writes {@code tensors} (in iteration order) and {@code metadata} to {@code file}
     * atomically (see {@link AtomicFiles}).
     */
    public static void write(Path file, Map<String, String> metadata, Map<String, Tensor> tensors) throws IOException {
        byte[] header = header(metadata, tensors);
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
            writeFully(out, len);
            writeFully(out, ByteBuffer.wrap(header));
            long data = 0;
            for (Tensor t : tensors.values()) {
                data += (long) t.size() * t.dtype().bytes();
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(8, data))).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                int n = t.size();
                for (int k = 0; k < n; k++) {
                    if (buf.remaining() < 8) {
                        writeFully(out, buf.flip());
                        buf.clear();
                    }
                    switch (t.dtype()) {
                        case F32 -> buf.putFloat(t.floats()[k]);
                        case I64 -> buf.putLong(t.longs()[k]);
                        case U8 -> buf.put(t.bytes()[k]);
                    }
                }
            }
            writeFully(out, buf.flip());
        });
    }

    private static byte[] header(Map<String, String> metadata, Map<String, Tensor> tensors) {
        StringBuilder b = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            b.append(Json.quote(METADATA)).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
            }
            b.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA);
            }
            Tensor t = e.getValue();
            long end = offset + (long) t.size() * t.dtype().bytes();
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(Json.quote(e.getKey())).append(":{\"dtype\":\"").append(t.dtype()).append("\",\"shape\":[");
            long[] shape = t.shape();
            for (int k = 0; k < shape.length; k++) {
                b.append(k == 0 ? "" : ",").append(shape[k]);
            }
            b.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        b.append('}');
        byte[] json = b.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /**
     * Reads a safetensors file.
     *
     * <p>Untrusted files are safe to read: every count and offset is checked against the file's
     * size before anything is allocated for it, the JSON header's nesting is limited (see
     * {@link Json#MAX_DEPTH}), and what a read allocates in all is bounded by the file: the
     * tensors' arrays (the size of the data section) plus at most {@value #BYTES_PER_HEADER_BYTE}
     * bytes per byte of header plus {@value #FIXED_ALLOCATION} bytes. A header longer than
     * 100 MiB, a tensor of more than {@code Integer.MAX_VALUE - 8} elements or a dimension beyond
     * {@code Integer.MAX_VALUE} is refused.
     *
     * @throws IOException naming the file and the problem if it is truncated, its header is
     *                     malformed (not UTF-8, not JSON of the form above), or the offsets do not
     *                     tile its data; or if it cannot be read
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < 8) {
                throw bad(file, "truncated: " + size + " bytes, the header length alone needs 8");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(in, len, 0, file);
            long n = len.flip().getLong();
            if (n < 2 || n > MAX_HEADER) {
                throw bad(file, "header length " + Long.toUnsignedString(n) + " is not plausible");
            }
            if (8 + n > size) {
                throw bad(file, "truncated: header length " + n + " but only " + (size - 8) + " bytes follow");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(in, hb, 8, file);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
            } catch (CharacterCodingException e) {
                throw bad(file, "header is not valid UTF-8");
            }
            Object parsed;
            try {
                parsed = Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw bad(file, e.getMessage());
            }
            if (!(parsed instanceof Map<?, ?> root)) {
                throw bad(file, "header is not a JSON object");
            }
            long dataSize = size - 8 - n;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : root.entrySet()) {
                String name = (String) e.getKey();
                if (name.equals(METADATA)) {
                    if (!(e.getValue() instanceof Map<?, ?> m)) {
                        throw bad(file, METADATA + " is not an object");
                    }
                    for (Map.Entry<?, ?> me : m.entrySet()) {
                        if (!(me.getValue() instanceof String v)) {
                            throw bad(file, METADATA + " value of '" + show((String) me.getKey()) + "' is not a string");
                        }
                        metadata.put((String) me.getKey(), v);
                    }
                } else {
                    entries.add(entry(file, name, e.getValue()));
                }
            }
            List<Entry> byOffset = new ArrayList<>(entries);
            byOffset.sort((a, b) -> Long.compare(a.begin, b.begin));
            long expect = 0;
            for (Entry e : byOffset) {
                if (e.begin != expect) {
                    throw bad(file, "tensor '" + show(e.name) + "' starts at data offset " + e.begin + ", expected "
                            + expect + " (offsets must be contiguous)");
                }
                expect = e.end;
            }
            if (expect != dataSize) {
                throw bad(file, expect > dataSize
                        ? "truncated: the header describes " + expect + " data bytes, the file holds " + dataSize
                        : (dataSize - expect) + " bytes after the last tensor");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(8, dataSize)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : entries) {
                tensors.put(e.name, load(in, 8 + n, e, chunk, file));
            }
            return new Contents(Collections.unmodifiableMap(metadata), Collections.unmodifiableMap(tensors));
        }
    }

    private record Entry(String name, Tensor.DType dtype, long[] shape, int count, long begin, long end) {}

    private static Entry entry(Path file, String name, Object value) throws IOException {
        if (!(value instanceof Map<?, ?> m)) {
            throw bad(file, "tensor '" + show(name) + "' is not an object");
        }
        if (m.size() != 3 || !m.containsKey("dtype") || !m.containsKey("shape") || !m.containsKey("data_offsets")) {
            throw bad(file, "tensor '" + show(name) + "' must have exactly dtype, shape and data_offsets, has "
                    + show(m.keySet().toString()));
        }
        if (!(m.get("dtype") instanceof String type)) {
            throw bad(file, "tensor '" + show(name) + "': dtype must be a string");
        }
        Tensor.DType dtype;
        try {
            dtype = Tensor.DType.valueOf(type);
        } catch (IllegalArgumentException x) {
            throw bad(file, "tensor '" + show(name) + "' has unsupported dtype " + show(type));
        }
        long[] shape = longs(file, name, "shape", m.get("shape"), -1);
        long count = 1;
        for (long d : shape) {
            if (d > Integer.MAX_VALUE) {
                throw bad(file, "tensor '" + show(name) + "' has a dimension of " + d + ", more than "
                        + Integer.MAX_VALUE);
            }
            // both factors are below 2^31 (count is checked after each step): no overflow
            count *= d;
            if (count > MAX_ELEMENTS) {
                throw bad(file, "tensor '" + show(name) + "' of shape " + show(Arrays.toString(shape))
                        + " has more than " + MAX_ELEMENTS + " elements");
            }
        }
        long[] off = longs(file, name, "data_offsets", m.get("data_offsets"), 2);
        if (off[1] < off[0] || off[1] - off[0] != count * dtype.bytes()) {
            throw bad(file, "tensor '" + show(name) + "' has data_offsets " + Arrays.toString(off) + " for " + count
                    + " elements of " + dtype);
        }
        return new Entry(name, dtype, shape, (int) count, off[0], off[1]);
    }

    private static long[] longs(Path file, String name, String key, Object v, int length) throws IOException {
        if (!(v instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw bad(file, "tensor '" + show(name) + "': " + key + " must be an array"
                    + (length >= 0 ? " of " + length + " integers" : " of integers"));
        }
        long[] out = new long[list.size()];
        for (int k = 0; k < out.length; k++) {
            if (!(list.get(k) instanceof Long l)) {
                throw bad(file, "tensor '" + show(name) + "': " + key + " must hold integers");
            }
            out[k] = l;
        }
        return out;
    }

    /** Reads a tensor's values through {@code chunk}, straight into its array. */
    private static Tensor load(FileChannel in, long base, Entry e, ByteBuffer chunk, Path file) throws IOException {
        int count = e.count;
        long position = base + e.begin;
        int width = e.dtype.bytes();
        Object values = switch (e.dtype) {
            case F32 -> new float[count];
            case I64 -> new long[count];
            case U8 -> new byte[count];
        };
        int per = chunk.capacity() / width;
        for (int done = 0; done < count; ) {
            int k = Math.min(per, count - done);
            chunk.clear().limit(k * width);
            readFully(in, chunk, position, file);
            chunk.flip();
            switch (e.dtype) {
                case F32 -> chunk.asFloatBuffer().get((float[]) values, done, k);
                case I64 -> chunk.asLongBuffer().get((long[]) values, done, k);
                case U8 -> chunk.get((byte[]) values, done, k);
            }
            done += k;
            position += (long) k * width;
        }
        return switch (e.dtype) {
            case F32 -> Tensor.f32((float[]) values, e.shape);
            case I64 -> Tensor.i64((long[]) values, e.shape);
            case U8 -> Tensor.u8((byte[]) values, e.shape);
        };
    }

    private static void readFully(FileChannel in, ByteBuffer b, long position, Path file) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int r = in.read(b, p);
            if (r < 0) {
                throw bad(file, "truncated");
            }
            p += r;
        }
    }

    /** An untrusted name or value from the file, made safe for a one-line message. */
    private static String show(String s) {
        return Json.printable(s, 80);
    }

    private static IOException bad(Path file, String problem) {
        return new IOException(file + ": not a valid safetensors file: " + problem);
    }
}
