package dev.lanes.nn.io;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanes.nn.FuzzSupport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link SafeTensors#read}: any file gives its contents, which write back and read again
 * to the same bits, or an {@link IOException} naming the file and the problem on one line; never
 * another exception, and never more allocation than {@link SafeTensors#read} states.
 */
class SafeTensorsFuzzTest {
    private static final FuzzSupport.Counter COUNT = new FuzzSupport.Counter("safetensors");
    private static final Path FILE = FuzzSupport.scratch("input.safetensors");
    private static final Path BACK = FuzzSupport.scratch("back.safetensors");

    @DictionaryEntries({"{\"", "\":{\"dtype\":\"F32\",\"shape\":[", "],\"data_offsets\":[", "]}", "__metadata__",
        "\"dtype\"", "\"shape\"", "\"data_offsets\"", "F32", "I64", "U8", "9223372036854775807", "2147483648",
        "4294967296", "3037000500", "\\u00", "[[[[[[[[[[[[[[[["})
    @FuzzTest
    void read(byte[] input) throws IOException {
        FuzzSupport.write(FILE, input);
        FuzzSupport.Outcome<SafeTensors.Contents> o = FuzzSupport.bounded("SafeTensors.read", bound(input), input,
                () -> SafeTensors.read(FILE));
        COUNT.count(o.failure() == null);
        if (o.failure() != null) {
            FuzzSupport.checkMessage(FILE, o.failure(), input);
            return;
        }
        COUNT.allocation(o.allocated());
        SafeTensors.Contents c = o.value();
        SafeTensors.write(BACK, c.metadata(), c.tensors());
        SafeTensors.Contents again = SafeTensors.read(BACK);
        if (!c.metadata().equals(again.metadata()) || !c.tensors().keySet().equals(again.tensors().keySet())) {
            throw new AssertionError("write and read changed the metadata or the names (input "
                    + FuzzSupport.preview(input) + ")");
        }
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            Tensor a = e.getValue();
            Tensor b = again.tensor(e.getKey());
            boolean same = a.dtype() == b.dtype() && Arrays.equals(a.shape(), b.shape()) && switch (a.dtype()) {
                case F32 -> Arrays.equals(bits(a.floats()), bits(b.floats()));
                case I64 -> Arrays.equals(a.longs(), b.longs());
                case U8 -> Arrays.equals(a.bytes(), b.bytes());
            };
            if (!same) {
                throw new AssertionError("write and read changed tensor " + e.getKey() + " (input "
                        + FuzzSupport.preview(input) + ")");
            }
        }
    }

    /** The bound of {@link SafeTensors#read}'s javadoc for this input. */
    static long bound(byte[] input) {
        long header = input.length;
        if (input.length >= 8) {
            long n = ByteBuffer.wrap(input, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n >= 0 && n <= input.length - 8) {
                header = n;
            }
        }
        return input.length + SafeTensors.BYTES_PER_HEADER_BYTE * header + SafeTensors.FIXED_ALLOCATION;
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
