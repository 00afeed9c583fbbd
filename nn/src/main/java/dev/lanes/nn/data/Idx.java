package dev.lanes.nn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
     * @throws DataFileException naming the file if the magic number or type is bad, the file is
     *                           truncated or longer than its header says
     * @throws IOException       if it cannot be read
     */
    public static Array read(Path file) throws IOException {
        byte[] bytes = readAll(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (bytes.length < 4) {
            throw new DataFileException(file, "truncated: " + bytes.length + " bytes, an IDX header needs at least 4");
        }
        int magic = b.getInt();
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
        if (bytes.length < 4 + 4L * dims) {
            throw new DataFileException(file, "truncated: header announces " + dims + " dimensions, the file has "
                    + bytes.length + " bytes");
        }
        int[] shape = new int[dims];
        long count = 1;
        for (int i = 0; i < dims; i++) {
            shape[i] = b.getInt();
            if (shape[i] < 0) {
                throw new DataFileException(file, "dimension " + i + " is negative: " + shape[i]);
            }
            count *= shape[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw new DataFileException(file, "too many values for one array: shape " + java.util.Arrays.toString(shape));
            }
        }
        long expected = 4 + 4L * dims + count * width;
        if (bytes.length < expected) {
            throw new DataFileException(file, "truncated: header announces " + count + " values ("
                    + expected + " bytes), the file has " + bytes.length + " bytes");
        }
        if (bytes.length > expected) {
            throw new DataFileException(file, (bytes.length - expected)
                    + " bytes after the last value announced by the header (" + expected + " bytes)");
        }
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (type) {
                case 0x08 -> b.get() & 0xFF;
                case 0x09 -> b.get();
                case 0x0B -> b.getShort();
                case 0x0C -> b.getInt();
                case 0x0D -> b.getFloat();
                default -> (float) b.getDouble();
            };
        }
        return new Array(shape, values);
    }

    /**
     * Reads a one-dimensional IDX file of integer labels.
     *
     * @throws DataFileException if the file is not one-dimensional or holds a non-integer or
     *                           negative value
     */
    public static int[] readLabels(Path file) throws IOException {
        Array a = read(file);
        if (a.shape().length != 1) {
            throw new DataFileException(file, "labels must be one-dimensional, the file has shape "
                    + java.util.Arrays.toString(a.shape()));
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
     * @throws DataFileException if either file is corrupt, the counts disagree or a label is
     *                           {@code >= classes}
     */
    public static Dataset dataset(Path images, Path labels, int classes) throws IOException {
        Array x = read(images);
        if (x.shape().length < 1) {
            throw new DataFileException(images, "images must have at least one dimension");
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
        if (x.itemSize() == 0) {
            throw new DataFileException(images, "images have zero values each");
        }
        return Dataset.classification(x.values(), x.itemSize(), y, classes);
    }

    private static byte[] readAll(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                    return in.readAllBytes();
                } catch (EOFException e) {
                    throw new DataFileException(file, "truncated gzip stream", e);
                } catch (ZipException e) {
                    throw new DataFileException(file, "corrupt gzip stream: " + e.getMessage(), e);
                }
            }
            return raw.readAllBytes();
        }
    }
}
