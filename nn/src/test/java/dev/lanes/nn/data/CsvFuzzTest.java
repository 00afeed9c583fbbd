package dev.lanes.nn.data;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanes.nn.FuzzSupport;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link Csv}: every file reads, as classification and as regression data, with and
 * without a header, to a dataset of finite values or fails with a {@link DataFileException}
 * naming it on one line, within the allocation the class comment states.
 */
class CsvFuzzTest {
    private static final FuzzSupport.Counter COUNT = new FuzzSupport.Counter("csv");
    private static final Path FILE = FuzzSupport.scratch("input.csv");

    /** One way of reading the file. */
    private interface Read {
        Dataset read(Path file) throws IOException;
    }

    private static final Read[] READS = {
        f -> Csv.classification(f, -1, 3, false),
        f -> Csv.classification(f, 0, 10, true),
        f -> Csv.regression(f, 1, false),
        f -> Csv.regression(f, 2, true),
    };

    // no line breaks or tabs: Jazzer 0.30 writes them into its dictionary file unescaped, which
    // libFuzzer then cannot parse (the seeds have plenty)
    @DictionaryEntries({",", "NaN", "Infinity", "1e39", "-3.4028236e38", "1e-46", ".5", "+.", "e+", "0x1p3", "1f",
        "\u00a0"})
    @FuzzTest
    void read(byte[] input) {
        FuzzSupport.write(FILE, input);
        boolean any = false;
        for (Read r : READS) {
            FuzzSupport.Outcome<Dataset> o = FuzzSupport.bounded("Csv", (long) Csv.BYTES_PER_BYTE * input.length
                    + Csv.FIXED_ALLOCATION, input, () -> r.read(FILE));
            if (o.failure() != null) {
                if (!(o.failure() instanceof DataFileException)) {
                    throw new AssertionError("not a DataFileException: " + o.failure() + " (input "
                            + FuzzSupport.preview(input) + ")", o.failure());
                }
                FuzzSupport.checkMessage(FILE, o.failure(), input);
                continue;
            }
            COUNT.allocation(o.allocated());
            any = true;
            Dataset d = o.value();
            for (float v : d.features()) {
                if (!Float.isFinite(v)) {
                    throw new AssertionError("non-finite feature " + v + " (input " + FuzzSupport.preview(input) + ")");
                }
            }
            if (d.size() < 1 || d.inputs() < 1) {
                throw new AssertionError("empty dataset accepted (input " + FuzzSupport.preview(input) + ")");
            }
        }
        COUNT.count(any);
    }

    @AfterAll
    static void report() {
        COUNT.report();
    }
}
