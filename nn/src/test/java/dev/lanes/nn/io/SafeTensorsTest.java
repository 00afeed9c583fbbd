package dev.lanes.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    static Map<String, Tensor> sample() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("0.weight", Tensor.f32(new float[] {1f, -0f, Float.NaN, 0x1p-149f, 3.25f, -7f}, 3, 2));
        t.put("0.bias", Tensor.f32(new float[] {0.5f, 0.25f, -1f}, 3));
        t.put("steps", Tensor.i64(new long[] {Long.MIN_VALUE, 42}, 2));
        t.put("flags", Tensor.u8(new byte[] {(byte) 255, 1, 0}, 3));
        t.put("empty", Tensor.f32(new float[0], 0, 4));
        return t;
    }

    @Test
    void roundTripKeepsEveryBitAndTheMetadata() throws IOException {
        Path f = dir.resolve("m.safetensors");
        Map<String, String> meta = Map.of("format", "pt", "note", "quote \" back\\slash\nnewline é");
        SafeTensors.write(f, meta, sample());
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(meta, c.metadata());
        assertEquals(sample().keySet(), c.tensors().keySet());
        for (Map.Entry<String, Tensor> e : sample().entrySet()) {
            Tensor got = c.tensor(e.getKey());
            assertEquals(e.getValue().dtype(), got.dtype());
            assertArrayEquals(e.getValue().shape(), got.shape());
            switch (got.dtype()) {
                case F32 -> {
                    float[] a = e.getValue().floats();
                    float[] b = got.floats();
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]));
                    }
                }
                case I64 -> assertArrayEquals(e.getValue().longs(), got.longs());
                case U8 -> assertArrayEquals(e.getValue().bytes(), got.bytes());
            }
        }
    }

    @Test
    void headerLayoutByteByByte() throws IOException {
        Path f = dir.resolve("layout.safetensors");
        SafeTensors.write(f, Map.of("k", "v"), sample());
        byte[] file = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        String header = new String(file, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"k\":\"v\"},\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],"
                + "\"data_offsets\":[0,24]}"), header);
        assertTrue(header.stripTrailing().endsWith("}"));
        assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '));
        Matcher m = Pattern.compile("\"([^\"]+)\":\\{\"dtype\":\"(\\w+)\",\"shape\":\\[([0-9,]*)],"
                + "\"data_offsets\":\\[(\\d+),(\\d+)]}").matcher(header);
        long expect = 0;
        int count = 0;
        for (Map.Entry<String, Tensor> e : sample().entrySet()) {
            assertTrue(m.find(), "entry for " + e.getKey());
            assertEquals(e.getKey(), m.group(1));
            assertEquals(e.getValue().dtype().name(), m.group(2));
            long begin = Long.parseLong(m.group(4));
            long end = Long.parseLong(m.group(5));
            assertEquals(expect, begin, "contiguous offsets");
            assertEquals((long) e.getValue().size() * e.getValue().dtype().bytes(), end - begin);
            // the raw little-endian data sits at 8 + n + begin
            ByteBuffer data = ByteBuffer.wrap(file, (int) (8 + n + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            if (e.getValue().dtype() == Tensor.DType.F32) {
                for (float v : e.getValue().floats()) {
                    assertEquals(Float.floatToRawIntBits(v), data.getInt());
                }
            } else if (e.getValue().dtype() == Tensor.DType.I64) {
                for (long v : e.getValue().longs()) {
                    assertEquals(v, data.getLong());
                }
            }
            expect = end;
            count++;
        }
        assertEquals(sample().size(), count);
        assertEquals(file.length, 8 + n + expect, "data ends with the last tensor");
        // first F32 value, 1.0f, little-endian
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, Arrays.copyOfRange(file, (int) (8 + n), (int) (8 + n + 4)));
    }

    @Test
    void truncatedAndMalformedFilesAreRejected() throws IOException {
        Path f = dir.resolve("good.safetensors");
        SafeTensors.write(f, Map.of(), sample());
        byte[] good = Files.readAllBytes(f);
        for (int cut : new int[] {0, 5, 8, 20, good.length - 1}) {
            Path t = Files.write(dir.resolve("cut" + cut), Arrays.copyOf(good, cut));
            IOException e = assertThrows(IOException.class, () -> SafeTensors.read(t), "cut at " + cut);
            assertTrue(e.getMessage().contains("cut" + cut) && e.getMessage().contains("truncated"), e.getMessage());
        }
        Path extra = Files.write(dir.resolve("extra"), Arrays.copyOf(good, good.length + 4));
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(extra));
        assertTrue(e.getMessage().contains("4 bytes after the last tensor"), e.getMessage());
        String[] headers = {
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}",
            "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}",
            "{\"__metadata__\":{\"a\":1},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
        };
        for (int k = 0; k < headers.length; k++) {
            byte[] h = headers[k].getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(8 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(h.length).put(h).putLong(0);
            Path bad = Files.write(dir.resolve("bad" + k), b.array());
            IOException x = assertThrows(IOException.class, () -> SafeTensors.read(bad), headers[k]);
            assertTrue(x.getMessage().contains("bad" + k) && x.getMessage().contains("not a valid safetensors"),
                    x.getMessage());
        }
    }

    @Test
    void aFailedWriteLeavesThePreviousFileIntact() throws IOException {
        Path f = dir.resolve("ckpt.safetensors");
        SafeTensors.write(f, Map.of("epoch", "1"), sample());
        byte[] before = Files.readAllBytes(f);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(ByteBuffer.wrap(new byte[1000]));
            throw new IOException("simulated crash mid-write");
        }));
        assertEquals("simulated crash mid-write", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        SafeTensors.write(f, Map.of("epoch", "2"), sample());
        assertEquals("2", SafeTensors.read(f).metadata().get("epoch"));
    }

    /** A file of the given header (padded) and data. */
    private Path crafted(String name, byte[] header, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        return Files.write(dir.resolve(name), b.array());
    }

    private Path crafted(String name, String header, int dataBytes) throws IOException {
        return crafted(name, header.getBytes(StandardCharsets.UTF_8), new byte[dataBytes]);
    }

    private String refused(Path f) {
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not a valid safetensors file: "), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        return e.getMessage();
    }

    @Test
    void shapesWhoseProductOverflowsAreRefusedNotThrownAsArithmetic() throws IOException {
        assertTrue(refused(crafted("overflow", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2,9223372036854775807],"
                + "\"data_offsets\":[0,0]}}", 0)).contains("dimension of 9223372036854775807"));
        assertTrue(refused(crafted("zero-first", "{\"t\":{\"dtype\":\"U8\",\"shape\":[0,3037000500,3037000500],"
                + "\"data_offsets\":[0,0]}}", 0)).contains("dimension of 3037000500"));
        assertTrue(refused(crafted("too-many", "{\"t\":{\"dtype\":\"I64\",\"shape\":[65536,65536],"
                + "\"data_offsets\":[0,0]}}", 0)).contains("more than 2147483639 elements"));
        // zero elements of any (int) shape are fine
        Path empty = crafted("empty", "{\"t\":{\"dtype\":\"F32\",\"shape\":[0,2147483647],"
                + "\"data_offsets\":[0,0]}}", 0);
        assertEquals(0, SafeTensors.read(empty).tensor("t").size());
    }

    @Test
    void theHeaderMustBeUtf8AndWellTyped() throws IOException {
        byte[] latin1 = "{\"__metadata__\":{\"k\":\"\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(refused(crafted("latin1", latin1, new byte[0])).contains("header is not valid UTF-8"));
        assertTrue(refused(crafted("dtype", "{\"t\":{\"dtype\":5,\"shape\":[1],\"data_offsets\":[0,4]}}", 4))
                .contains("dtype must be a string"));
        String m = refused(crafted("name", "{\"a\\nb\\u001b[2J\":{\"dtype\":\"F32\",\"shape\":[1],"
                + "\"data_offsets\":[0,3]}}", 3));
        assertTrue(m.contains("tensor 'a\\u000ab\\u001b[2J' has data_offsets [0, 3] for 1 elements of F32"), m);
    }
}
