package dev.lanes.spark;

import dev.lanes.schedule.Schedule;
import dev.lanes.schedule.Schedules;
import java.util.List;

/**
 * The learning-rate schedules {@link LanesMlpClassifier} offers, by name; the same names and
 * defaults as the {@code lanes train} program, so that a setting means the same in both. The
 * optimizers by name are {@link dev.lanes.optim.Optimizers}.
 */
final class LrSchedules {
    /** The schedule names. */
    static final List<String> NAMES = List.of("constant", "step", "exponential", "cosine", "onecycle");

    private LrSchedules() {}

    /**
     * The schedule {@code name} from rate {@code lr} for a run of {@code epochs} epochs of
     * {@code stepsPerEpoch} steps: constant; step (× gamma every {@code stepEpochs} epochs);
     * exponential (× gamma every epoch); cosine (to 0 over the run); onecycle; each after a linear
     * warm-up of {@code warmup} steps from 1 % of the rate if {@code warmup > 0}.
     */
    static Schedule byName(String name, double lr, long stepsPerEpoch, int epochs, double gamma, int stepEpochs,
                          long warmup) {
        long steps = Math.max(1, stepsPerEpoch);
        long total = Math.max(1, steps * Math.max(epochs, 1));
        Schedule s = switch (name) {
            case "constant" -> Schedules.constant(lr);
            case "step" -> Schedules.step(lr, steps * stepEpochs, gamma);
            case "exponential" -> Schedules.step(lr, steps, gamma);
            case "cosine" -> Schedules.cosine(lr, total, 0);
            case "onecycle" -> Schedules.oneCycle(lr, total);
            default -> throw new IllegalArgumentException("unknown schedule '" + name + "' (one of "
                    + String.join(", ", NAMES) + ")");
        };
        return warmup > 0 ? Schedules.linearWarmup(warmup, 0.01, s) : s;
    }
}
