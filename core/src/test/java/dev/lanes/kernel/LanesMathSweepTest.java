package dev.lanes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every float of each function's range (see {@link MathReference}) against StrictMath: prints the
 * maximum error and where it occurs, and asserts the bound stated in {@link LanesMath}'s
 * documentation and that the function never descends from one float to the next. About
 * 2·10<sup>9</sup> floats per function, 100 to 230 s each on two shared cores (9 minutes in all),
 * so it is tagged {@code slow} and left out of ordinary builds. Run it with
 *
 * <pre>{@code
 * ./mvnw -B -q -pl core verify -Dlanes.test.excludedGroups=none -Dgroups=slow \
 *     -Dtest=LanesMathSweepTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Tag("slow")
class LanesMathSweepTest {

    @ParameterizedTest
    @EnumSource(MathReference.class)
    void everyFloat(MathReference f) {
        long start = System.nanoTime();
        MathReference.Sweep s = f.sweep(1);
        System.out.printf("%s (%.1f s)%n", s, (System.nanoTime() - start) * 1e-9);
        assertEquals((long) MathReference.key(f.hi) - MathReference.key(f.lo) + 1, s.count(), s::toString);
        assertTrue(s.maxUlps() <= f.bound, s::toString);
        assertEquals(0, s.descents(), s::toString);
    }
}
