package dev.lanes.nn;

/**
 * The activation of a hidden layer, applied element-wise to the layer's pre-activation
 * {@code z = x·W + b}. Forward and backward are the {@link dev.lanes.kernel.Kernels} kernels named
 * below; every backward pass is computed from the forward <em>output</em>, so only that is kept.
 *
 * <ul>
 * <li>{@link #RELU}: {@code max(z, 0)} ({@code reluForward} / {@code reluBackward});</li>
 * <li>{@link #leakyRelu(float) leakyRelu(α)}: {@code z > 0 ? z : α·z} ({@code leakyReluForward}
 * / {@code leakyReluBackward});</li>
 * <li>{@link #SIGMOID}: {@code 1 / (1 + exp(−z))} ({@code sigmoid} / {@code sigmoidBackward});</li>
 * <li>{@link #TANH}: {@code tanh(z)} ({@code tanh} / {@code tanhBackward});</li>
 * <li>{@link #IDENTITY}: {@code z} (no kernel; the gradient passes unchanged).</li>
 * </ul>
 *
 * @param kind  which function
 * @param alpha the negative slope of a leaky ReLU (0 for the others)
 */
public record Activation(Kind kind, float alpha) {
    /** The activation functions. */
    public enum Kind {
        /** Rectified linear unit. */
        RELU,
        /** Leaky rectified linear unit with slope {@code alpha} below zero. */
        LEAKY_RELU,
        /** Logistic sigmoid. */
        SIGMOID,
        /** Hyperbolic tangent. */
        TANH,
        /** No activation. */
        IDENTITY
    }

    /** {@code max(z, 0)}. */
    public static final Activation RELU = new Activation(Kind.RELU, 0f);
    /** {@code 1 / (1 + exp(−z))}. */
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0f);
    /** {@code tanh(z)}. */
    public static final Activation TANH = new Activation(Kind.TANH, 0f);
    /** {@code z}. */
    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0f);

    /**
     * Checks the slope.
     *
     * @throws IllegalArgumentException if {@code alpha} is negative or not finite, or non-zero for
     *                                  a kind other than LEAKY_RELU
     */
    public Activation {
        if (kind == null) {
            throw new NullPointerException("kind is null");
        }
        if (!Float.isFinite(alpha) || alpha < 0) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, was " + alpha);
        }
        if (kind != Kind.LEAKY_RELU && alpha != 0f) {
            throw new IllegalArgumentException(kind + " takes no alpha, was " + alpha);
        }
    }

    /** A leaky ReLU with negative slope {@code alpha} (PyTorch's default is 0.01). */
    public static Activation leakyRelu(float alpha) {
        return new Activation(Kind.LEAKY_RELU, alpha);
    }

    /** The name used in checkpoints: relu, leaky_relu(α), sigmoid, tanh, identity. */
    @Override
    public String toString() {
        return kind == Kind.LEAKY_RELU ? "leaky_relu(" + alpha + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The activation named by {@link #toString()}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Activation parse(String name) {
        java.util.Objects.requireNonNull(name, "name");
        if (name.startsWith("leaky_relu(") && name.endsWith(")")) {
            try {
                return leakyRelu(Float.parseFloat(name.substring(11, name.length() - 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad activation '" + name + "'");
            }
        }
        return switch (name) {
            case "relu" -> RELU;
            case "sigmoid" -> SIGMOID;
            case "tanh" -> TANH;
            case "identity" -> IDENTITY;
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'");
        };
    }
}
