package dev.lanes.nn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (detected
 * by the gzip magic bytes {@code 1f 8b}, whatever the file name).
 *
 * <p>Format: two zero bytes, a type byte ({@code 0x08} unsigned byte, {@code 0x09} signed byte,
 * {@code 0x0B} 16-bit int, {@code 0x0C} 32-bit int, {@code 0x0D} float, {@code 0x0E} double), a
 * dimension count {@code d}, then {@code d} big-endian 32-bit sizes and the values, big-endian,
 * last dimension fastest. The file must hold exactly the values its header announces.
 */
public final class Idx {
    private Idx() {}

    /** An IDX array: its shape and its values converted to float, row-major. */
    public record Array(int[] shape, float[] values) {
        /** The first dimension (the number of items). */
        public int count() {
            return shape.length == 0 ? 1 : shape[0];
        }

        /** Values per item: the product of the dimensions after the first. */
        public int itemSize() {
            int s = 1;
            for (int i = 1; i < shape.length; i++) {
                s *= shape[i];
            }
            return s;
        }
    }

    /**
     * Reads an IDX file.
     *
     * <p>Untrusted files are safe to read: the header's shape is checked (at most
     * {@value #MAX_VALUES} values, and as many per item) before anything is allocated for it, and
     * the values are allocated only as the file delivers them, so a header that claims more than
     * the file holds costs nothing. In all, a read allocates at most {@value #BYTES_PER_VALUE}
     * bytes per value the file actually holds plus {@value #FIXED_ALLOCATION} bytes; a plain
     * file holds at most one value per byte, and a gzip file at most 1,032 bytes of IDX per
     * compressed byte (the limit of the deflate format).
     *
     * @throws DataFileException naming the file if the magic number or type is bad, the file is
     *                           truncated or longer than its header says, or the shape is too
     *                           large for one array (the message gives the shape and its size)
     * @throws IOException       if it cannot be read
     */
    public static Array read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        boolean gzip;
        try (InputStream probe = Files.newInputStream(file)) {
            gzip = probe.read() == 0x1f && probe.read() == 0x8b;
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16)) {
            return read(file, in, gzip ? -1 : Files.size(file));
        } catch (EOFException e) {
            throw new DataFileException(file, "truncated gzip stream", e);
        } catch (ZipException e) {
            throw new DataFileException(file, "corrupt gzip stream: " + e.getMessage(), e);
        }
    }

    /** The most values one IDX array may hold (the largest Java array). */
    public static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    /** {@link #read} allocates at most this many bytes per value the file holds. */
    public static final int BYTES_PER_VALUE = 12;
    /** {@link #read} allocates at most this many bytes besides those that grow with the file. */
    public static final int FIXED_ALLOCATION = 1 << 20;
    /** Values are collected in blocks of this many, so that memory follows the data read. */
    private static final int BLOCK = 1 << 16;

    /** Reads the IDX content of {@code in}; {@code size} is the file's length, or −1 if compressed. */
    private static Array read(Path file, InputStream in, long size) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new DataFileException(file, "truncated: " + head.length + " bytes, an IDX header needs at least 4");
        }
        int magic = ByteBuffer.wrap(head).getInt();
        if ((magic >>> 16) != 0) {
            throw new DataFileException(file, String.format(
                    "bad magic number 0x%08X: an IDX file starts with two zero bytes, a type and a dimension count",
                    magic));
        }
        int type = (magic >>> 8) & 0xFF;
        int width = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> throw new DataFileException(file, String.format(
                    "bad magic number 0x%08X: unknown IDX type 0x%02X", magic, type));
        };
        int dims = magic & 0xFF;
        byte[] dimBytes = in.readNBytes(4 * dims);
        if (dimBytes.length < 4 * dims) {
            throw new DataFileException(file, "truncated: header announces " + dims + " dimensions, the file has "
                    + (4 + dimBytes.length) + (size < 0 ? " bytes after decompression" : " bytes"));
        }
        ByteBuffer d = ByteBuffer.wrap(dimBytes);
        int[] shape = new int[dims];
        for (int i = 0; i < dims; i++) {
            shape[i] = d.getInt();
            if (shape[i] < 0) {
                throw new DataFileException(file, "dimension " + i + " of shape " + shapeText(shape, i + 1) + " is "
                        + Integer.toUnsignedString(shape[i]) + ", more than " + Integer.MAX_VALUE);
            }
        }
        BigInteger total = BigInteger.ONE;
        BigInteger item = BigInteger.ONE;
        for (int i = 0; i < dims; i++) {
            total = total.multiply(BigInteger.valueOf(shape[i]));
            if (i > 0) {
                item = item.multiply(BigInteger.valueOf(shape[i]));
            }
        }
        BigInteger max = BigInteger.valueOf(MAX_VALUES);
        if (total.compareTo(max) > 0 || item.compareTo(max) > 0) {
            throw new DataFileException(file, "shape " + Arrays.toString(shape) + " holds " + grouped(total)
                    + " values" + (dims > 1 ? " (" + grouped(item) + " per item)" : "")
                    + ", more than one array can hold (" + grouped(BigInteger.valueOf(MAX_VALUES)) + ")");
        }
        int count = total.intValueExact();
        long header = 4 + 4L * dims;
        long expected = header + (long) count * width;
        if (size >= 0 && size != expected) {
            throw new DataFileException(file, size < expected
                    ? "truncated: header announces " + count + " values (" + expected + " bytes), the file has "
                            + size + " bytes"
                    : (size - expected) + " bytes after the last value announced by the header (" + expected + " bytes)");
        }
        float[] values = values(file, in, type, width, count, expected);
        if (size < 0) {
            long extra = 0;
            while (in.read() >= 0) {
                extra++;
                extra += in.skip(Long.MAX_VALUE);
            }
            if (extra > 0) {
                throw new DataFileException(file, extra + " bytes after the last value announced by the header ("
                        + expected + " bytes after decompression)");
            }
        }
        return new Array(shape, values);
    }

    private static String grouped(BigInteger v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** The shape's first {@code known} dimensions, the rest shown as "?". */
    private static String shapeText(int[] shape, int known) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(i < known ? Integer.toUnsignedString(shape[i]) : "?");
        }
        return b.append(']').toString();
    }

    /**
     * Reads {@code count} values of {@code type}, block by block, so that the arrays grow only as
     * fast as the stream delivers data.
     */
    private static float[] values(Path file, InputStream in, int type, int width, int count, long expected)
            throws IOException {
        List<float[]> blocks = new ArrayList<>();
        byte[] buf = new byte[BLOCK * width];
        ByteBuffer b = ByteBuffer.wrap(buf);
        int read = 0;
        while (read < count) {
            int k = Math.min(BLOCK, count - read);
            int got = in.readNBytes(buf, 0, k * width);
            if (got < k * width) {
                long have = expected - (long) count * width + (long) read * width + got;
                throw new DataFileException(file, "truncated: header announces " + count + " values (" + expected
                        + " bytes), the file has " + have + " bytes after decompression");
            }
            float[] block = new float[k];
            b.clear();
            for (int i = 0; i < k; i++) {
                block[i] = switch (type) {
                    case 0x08 -> b.get() & 0xFF;
                    case 0x09 -> b.get();
                    case 0x0B -> b.getShort();
                    case 0x0C -> b.getInt();
                    case 0x0D -> b.getFloat();
                    default -> (float) b.getDouble();
                };
            }
            blocks.add(block);
            read += k;
        }
        if (blocks.size() == 1 && blocks.get(0).length == count) {
            return blocks.get(0);
        }
        float[] values = new float[count];
        int at = 0;
        for (float[] block : blocks) {
            System.arraycopy(block, 0, values, at, block.length);
            at += block.length;
        }
        return values;
    }

    /**
     * Reads a one-dimensional IDX file of integer labels.
     *
     * @throws DataFileException if the file is not one-dimensional or holds a non-integer or
     *                           negative value
     */
    public static int[] readLabels(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Array a = read(file);
        if (a.shape().length != 1) {
            throw new DataFileException(file, "labels must be one-dimensional, the file has shape "
                    + Arrays.toString(a.shape()));
        }
        int[] labels = new int[a.values().length];
        for (int i = 0; i < labels.length; i++) {
            float v = a.values()[i];
            if (v < 0 || v != (int) v) {
                throw new DataFileException(file, "label " + i + " is " + v + ", not a non-negative integer");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /**
     * A classification dataset from an image file and a label file (e.g. MNIST's
     * {@code train-images-idx3-ubyte.gz} and {@code train-labels-idx1-ubyte.gz}); features are the
     * raw values (0–255 for MNIST), one item flattened per example.
     *
     * @throws IllegalArgumentException if {@code classes < 1} (before any file is read)
     * @throws DataFileException         if either file is corrupt, the counts disagree, a label is
     *                                   {@code >= classes}, or an image holds a value that is not
     *                                   finite (see {@link Dataset})
     */
    public static Dataset dataset(Path images, Path labels, int classes) throws IOException {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, was " + classes);
        }
        Array x = read(images);
        if (x.shape().length < 1) {
            throw new DataFileException(images, "images must have at least one dimension");
        }
        if (x.itemSize() == 0) {
            throw new DataFileException(images, "images of shape " + Arrays.toString(x.shape())
                    + " have zero values each");
        }
        float[] v = x.values();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new DataFileException(images, "image " + i / x.itemSize() + ", value " + i % x.itemSize()
                        + " is " + v[i] + " (training data must be finite)");
            }
        }
        int[] y = readLabels(labels);
        if (x.count() != y.length) {
            throw new DataFileException(labels, "holds " + y.length + " labels but " + images + " holds "
                    + x.count() + " images");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= classes) {
                throw new DataFileException(labels, "label " + i + " is " + y[i] + ", outside [0, " + classes + ")");
            }
        }
        return Dataset.classification(v, x.itemSize(), y, classes);
    }
}
