package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes with the given shape; values 0, 1, 2, … mod 256. */
    static byte[] ubytes(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + n);
        b.putInt(0x0800 | shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        for (int i = 0; i < n; i++) {
            b.put((byte) (i * 37 + 200));
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsPlainAndGzipAlike() throws IOException {
        byte[] raw = ubytes(3, 2, 2);
        Idx.Array plain = Idx.read(file("a-idx3-ubyte", raw));
        Idx.Array zipped = Idx.read(file("a-idx3-ubyte.gz", gzip(raw)));
        assertArrayEquals(new int[] {3, 2, 2}, plain.shape());
        assertEquals(3, plain.count());
        assertEquals(4, plain.itemSize());
        assertArrayEquals(plain.values(), zipped.values());
        for (int i = 0; i < 12; i++) {
            assertEquals((i * 37 + 200) & 0xFF, plain.values()[i]);
        }
    }

    @Test
    void readsOtherTypes() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 3 * 4);
        b.putInt(0x0D01).putInt(3).putFloat(1.5f).putFloat(-2f).putFloat(0x1p-140f);
        assertArrayEquals(new float[] {1.5f, -2f, 0x1p-140f}, Idx.read(file("f", b.array())).values());
        ByteBuffer s = ByteBuffer.allocate(4 + 4 + 2 * 2);
        s.putInt(0x0B01).putInt(2).putShort((short) -300).putShort((short) 7);
        assertArrayEquals(new float[] {-300, 7}, Idx.read(file("s", s.array())).values());
    }

    @Test
    void datasetPairsImagesWithLabels() throws IOException {
        Path images = file("img.gz", gzip(ubytes(4, 2, 3)));
        ByteBuffer l = ByteBuffer.allocate(8 + 4).putInt(0x0801).putInt(4).put(new byte[] {3, 0, 9, 1});
        Path labels = file("lab", l.array());
        Dataset d = Idx.dataset(images, labels, 10);
        assertEquals(4, d.size());
        assertEquals(6, d.inputs());
        assertArrayEquals(new int[] {3, 0, 9, 1}, d.labels());
        Dataset scaled = d.scaled(1f / 255);
        assertEquals(d.features()[5] * (1f / 255), scaled.features()[5]);
    }

    @Test
    void badMagicNamesTheFile() throws IOException {
        byte[] raw = ubytes(2, 2);
        raw[0] = 0x1A;
        Path f = file("bad-magic", raw);
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("bad-magic") && e.getMessage().contains("bad magic number"), e.getMessage());
        byte[] type = ubytes(2, 2);
        type[2] = 0x07;
        Path g = file("bad-type", type);
        e = assertThrows(DataFileException.class, () -> Idx.read(g));
        assertTrue(e.getMessage().contains("bad-type") && e.getMessage().contains("unknown IDX type 0x07"), e.getMessage());
    }

    @Test
    void truncationIsReported() throws IOException {
        byte[] raw = ubytes(5, 3, 3);
        Path cut = file("cut", Arrays.copyOf(raw, raw.length - 1));
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.read(cut));
        assertTrue(e.getMessage().contains("cut") && e.getMessage().contains("truncated"), e.getMessage());
        Path cutHeader = file("cut-header", Arrays.copyOf(raw, 9));
        e = assertThrows(DataFileException.class, () -> Idx.read(cutHeader));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] z = gzip(raw);
        Path cutGzip = file("cut.gz", Arrays.copyOf(z, z.length / 2));
        e = assertThrows(DataFileException.class, () -> Idx.read(cutGzip));
        assertTrue(e.getMessage().contains("cut.gz") && e.getMessage().contains("truncated"), e.getMessage());
        Path longer = file("long", Arrays.copyOf(raw, raw.length + 3));
        e = assertThrows(DataFileException.class, () -> Idx.read(longer));
        assertTrue(e.getMessage().contains("3 bytes after"), e.getMessage());
    }

    @Test
    void countsThatDisagreeAreReported() throws IOException {
        Path images = file("images", ubytes(4, 2, 2));
        ByteBuffer l = ByteBuffer.allocate(8 + 3).putInt(0x0801).putInt(3).put(new byte[] {1, 2, 3});
        Path labels = file("labels", l.array());
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.dataset(images, labels, 10));
        assertTrue(e.getMessage().contains("3 labels") && e.getMessage().contains("4 images"), e.getMessage());
        ByteBuffer big = ByteBuffer.allocate(8 + 4).putInt(0x0801).putInt(4).put(new byte[] {1, 2, 10, 3});
        Path bigLabels = file("big-labels", big.array());
        e = assertThrows(DataFileException.class, () -> Idx.dataset(images, bigLabels, 10));
        assertTrue(e.getMessage().contains("big-labels") && e.getMessage().contains("label 2 is 10"), e.getMessage());
    }

    private DataFileException refused(Path f) {
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e;
    }

    @Test
    void aHeaderClaimingTooMuchPrintsTheRealShapeAndSize() throws IOException {
        Path f = file("huge", ByteBuffer.allocate(16).putInt(0x0803).putInt(2_147_483_647).putInt(65_535)
                .putInt(65_535).array());
        assertEquals(f + ": shape [2147483647, 65535, 65535] holds 9,223,090,559,730,712,575 values (4,294,836,225 "
                + "per item), more than one array can hold (2,147,483,639)", refused(f).getMessage());
        // no items, but items too large to index (the item size used to overflow an int)
        Path items = file("items", ByteBuffer.allocate(16).putInt(0x0803).putInt(0).putInt(65_535).putInt(65_535)
                .array());
        assertTrue(refused(items).getMessage().contains("(4,294,836,225 per item)"));
        Path negative = file("negative", ByteBuffer.allocate(12).putInt(0x0802).putInt(3).putInt(-2).array());
        assertEquals(negative + ": dimension 1 of shape [3, 4294967294] is 4294967294, more than 2147483647",
                refused(negative).getMessage());
    }

    @Test
    void aCompressedFileIsReadOnlyAsFarAsItGoes() throws IOException {
        // a header claiming 2^31 - 9 floats (8 GiB) in a gzip file of 40 bytes: refused without
        // allocating for the claim
        byte[] head = ByteBuffer.allocate(12).putInt(0x0D01).putInt(Idx.MAX_VALUES).putFloat(1f).array();
        Path f = file("claim.gz", gzip(head));
        long before = allocated();
        DataFileException e = refused(f);
        assertTrue(allocated() - before < 8L << 20, "allocated " + (allocated() - before));
        assertTrue(e.getMessage().contains("truncated: header announces 2147483639 values (8589934564 bytes), the file"
                + " has 12 bytes after decompression"), e.getMessage());
        byte[] longer = Arrays.copyOf(ubytes(2, 2), ubytes(2, 2).length + 5);
        assertTrue(refused(file("longer.gz", gzip(longer))).getMessage().contains("5 bytes after the last value"));
    }

    @Test
    void imagesMustBeFinite() throws IOException {
        Path images = file("nan-images", ByteBuffer.allocate(8 + 4 + 16).putInt(0x0D02).putInt(2).putInt(2)
                .putFloat(1f).putFloat(2f).putFloat(Float.NaN).putFloat(3f).array());
        Path labels = file("two-labels", ByteBuffer.allocate(10).putInt(0x0801).putInt(2).put((byte) 1).put((byte) 0)
                .array());
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.dataset(images, labels, 2));
        assertEquals(images + ": image 1, value 0 is NaN (training data must be finite)", e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> Idx.dataset(images, labels, 0));
        assertEquals("classes must be >= 1, was 0", a.getMessage());
    }

    private static long allocated() {
        return dev.lanes.nn.FuzzSupport.allocated();
    }
}
