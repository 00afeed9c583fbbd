package dev.lanes.vectorops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float species every vector kernel uses, fixed for the life of the JVM so that C2 folds
 * it into constants. Chosen by {@code lanes.vector.bits} (validated by
 * {@link VectorKernelProvider} before this class is loaded), else the CPU's preferred width.
 */
final class Species {
    static final VectorSpecies<Float> F = choose();
    /** Lanes per vector. */
    static final int L = F.length();

    private Species() {}

    /** The widest float vector the CPU runs natively, in bits. */
    static int preferredBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    private static VectorSpecies<Float> choose() {
        return switch (VectorKernelProvider.requestedBits()) {
            case 0 -> FloatVector.SPECIES_PREFERRED;
            case 64 -> FloatVector.SPECIES_64;
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            default -> FloatVector.SPECIES_512;
        };
    }
}
