package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.nn.Rng;
import org.junit.jupiter.api.Test;

/** Dataset's arguments and its finite-values policy. */
class DatasetTest {
    private static String refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void nonFiniteValuesAreRefusedWithTheExampleAndColumn() {
        float[] x = {1, 2, 3, 4, 5, Float.NaN};
        assertEquals("features: example 2, column 1 is NaN; a dataset holds finite values only",
                refused(() -> Dataset.classification(x, 2, new int[] {0, 1, 0}, 2)));
        assertEquals("features: example 0, column 2 is -Infinity; a dataset holds finite values only",
                refused(() -> Dataset.regression(new float[] {1, 2, Float.NEGATIVE_INFINITY}, 3, new float[] {0}, 1)));
        assertEquals("targets: example 1, column 0 is Infinity; a dataset holds finite values only",
                refused(() -> Dataset.regression(new float[] {1, 2}, 1, new float[] {0, Float.POSITIVE_INFINITY}, 1)));
    }

    @Test
    void transformationsThatWouldOverflowAreRefused() {
        Dataset d = Dataset.classification(new float[] {1, 3e38f, -2, 0}, 2, new int[] {0, 1}, 2);
        assertEquals("factor must be finite, was NaN", refused(() -> d.scaled(Float.NaN)));
        assertEquals("factor = 10.0 overflows: feature 3.0E38 (example 0, column 1) becomes Infinity",
                refused(() -> d.scaled(10f)));
        Dataset wide = Dataset.classification(new float[] {-3e38f, 3e38f}, 1, new int[] {0, 1}, 2);
        Standardizer s = Standardizer.fit(Dataset.classification(new float[] {0, 1e-30f}, 1, new int[] {0, 1}, 2));
        assertEquals(0, refused(() -> s.apply(wide)).indexOf("data: feature -3.0E38 (example 0, column 0)"));
    }

    @Test
    void argumentsAreNamedAndNothingIsBuiltFromBadOnes() {
        Dataset d = Dataset.classification(new float[] {1, 2, 3, 4, 5, 6}, 2, new int[] {0, 1, 0}, 2);
        assertEquals("classes must be >= 1, was 0", refused(() -> Dataset.classification(new float[2], 2, new int[1], 0)));
        assertEquals("inputs must be >= 1, was 0", refused(() -> Dataset.regression(new float[2], 0, new float[1], 1)));
        assertEquals("firstCount must be in [0, 3], was 4", refused(() -> d.split(4)));
        assertEquals("firstCount must be in [0, 3], was -1", refused(() -> d.split(-1)));
        assertEquals("slice(from = 2, to = 1): not a range of a dataset of 3 examples",
                assertThrows(IndexOutOfBoundsException.class, () -> d.slice(2, 1)).getMessage());
        assertEquals("order[1] = 3 is not an example of 3",
                assertThrows(IndexOutOfBoundsException.class, () -> d.select(new int[] {0, 3})).getMessage());
        assertEquals("features", assertThrows(NullPointerException.class,
                () -> Dataset.classification(null, 1, new int[0], 1)).getMessage());
        assertEquals("rng", assertThrows(NullPointerException.class, () -> d.shuffled(null)).getMessage());
        assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6}, d.select(new int[] {2, 0, 2}).features());
        assertEquals(3, d.shuffled(new Rng(1)).size());
    }
}
