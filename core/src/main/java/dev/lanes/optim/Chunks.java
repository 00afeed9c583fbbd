package dev.lanes.optim;

import dev.lanes.kernel.Parallel;

/**
 * How an optimizer cuts an element-wise pass over a parameter of {@code n} elements across a
 * team: {@code k = min(threads, n / grain)} contiguous chunks (none when {@code k < 2}: the pass
 * runs on the calling thread), whose inner boundaries are multiples of {@code min(grain, 64)}
 * floats (a cache line, and whole blocks at every vector width). Every pass is element-wise, so
 * the chunks give the bits of one call over the whole parameter (docs/DESIGN.md rule 5).
 */
final class Chunks {
    private static final int ALIGN = 64;

    private Chunks() {}

    /**
     * Runs {@code task} over {@code [0, n)}: in chunks on {@code team}, or in one call on this
     * thread (no team, too short, or {@code n = 0}). Whatever the task reads must be in fields
     * written before this call (the team's hand-off publishes them).
     */
    static void run(Parallel team, int grain, int n, Parallel.Range task) {
        int k = team == null ? 1 : Math.min(team.threads(), n / grain);
        if (k < 2) {
            task.run(0, n);
            return;
        }
        int align = Math.min(grain, ALIGN);
        long per = ((long) n + k - 1) / k;
        // a unit of at least n / k elements: at most k units, one per thread; n > unit since k >= 2
        int unit = (int) ((per + align - 1) / align * align);
        team.forRange(n, unit, task);
    }
}
