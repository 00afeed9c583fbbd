package dev.lanes.nn.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanes.nn.FuzzSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link Idx}: every file reads to an array or fails with a {@link DataFileException}
 * naming it on one line, within the allocation {@link Idx#read} states; the same content
 * compressed with gzip gives the same outcome and the same bits; a file that reads pairs with a
 * label file into a dataset or fails the same way.
 */
class IdxFuzzTest {
    private static final FuzzSupport.Counter COUNT = new FuzzSupport.Counter("idx");
    private static final Path PLAIN = FuzzSupport.scratch("input-idx");
    private static final Path ZIPPED = FuzzSupport.scratch("input-idx.gz");
    private static final Path LABELS = FuzzSupport.scratch("labels-idx1-ubyte");

    @FuzzTest
    void read(byte[] input) throws IOException {
        boolean isGzip = input.length >= 2 && (input[0] & 0xFF) == 0x1f && (input[1] & 0xFF) == 0x8b;
        Idx.Array plain = read(PLAIN, input, isGzip ? inflatedLength(input) : input.length, input);
        COUNT.count(plain != null);
        if (!isGzip) {
            byte[] z = gzip(input);
            Idx.Array zipped = read(ZIPPED, z, input.length, input);
            if ((plain == null) != (zipped == null) || (plain != null && (!Arrays.equals(plain.shape(), zipped.shape())
                    || !Arrays.equals(bits(plain.values()), bits(zipped.values()))))) {
                throw new AssertionError("plain and gzip disagree: " + describe(plain) + " and " + describe(zipped)
                        + " (input " + FuzzSupport.preview(input) + ")");
            }
        }
        // a dataset pairs the images with as many labels (a label file of count bytes: kept small)
        if (plain != null && plain.shape().length >= 1 && plain.count() <= 2 * input.length) {
            labels(plain.count());
            try {
                Dataset d = Idx.dataset(PLAIN, LABELS, 10);
                if (d.size() != plain.count() || d.inputs() != plain.itemSize()) {
                    throw new AssertionError("dataset of " + d.size() + " x " + d.inputs() + " from shape "
                            + Arrays.toString(plain.shape()));
                }
            } catch (DataFileException e) {
                FuzzSupport.checkMessage(e.file(), e, input);
            }
            try {
                Idx.readLabels(PLAIN);
            } catch (DataFileException e) {
                FuzzSupport.checkMessage(PLAIN, e, input);
            }
        }
    }

    /** Reads {@code file} holding {@code content}; null if refused as it must be. */
    private static Idx.Array read(Path file, byte[] content, long idxBytes, byte[] input) {
        FuzzSupport.write(file, content);
        FuzzSupport.Outcome<Idx.Array> o = FuzzSupport.bounded("Idx.read",
                (long) Idx.BYTES_PER_VALUE * idxBytes + Idx.FIXED_ALLOCATION, input, () -> Idx.read(file));
        if (o.failure() != null) {
            if (!(o.failure() instanceof DataFileException)) {
                throw new AssertionError("not a DataFileException: " + o.failure() + " (input "
                        + FuzzSupport.preview(input) + ")", o.failure());
            }
            FuzzSupport.checkMessage(file, o.failure(), input);
            return null;
        }
        COUNT.allocation(o.allocated());
        return o.value();
    }

    /** A label file of {@code n} labels 0, 1, …, 9, 0, … */
    private static void labels(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n).putInt(0x0801).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % 10));
        }
        FuzzSupport.write(LABELS, b.array());
    }

    /** How many bytes a gzip input inflates to (as far as it is valid), at least its own length. */
    private static long inflatedLength(byte[] input) {
        long n = 0;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(input))) {
            byte[] buf = new byte[8192];
            for (int r; (r = in.read(buf)) > 0; ) {
                n += r;
            }
        } catch (IOException e) {
            // as far as it goes
        }
        return Math.max(n, input.length);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static String describe(Idx.Array a) {
        return a == null ? "refused" : "shape " + Arrays.toString(a.shape());
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @AfterAll
    static void report() {
        COUNT.report();
    }
}
