package dev.lanes.optim;

import java.util.Objects;

/**
 * A trainable parameter: the float region {@code values[offset, offset + length)} and its gradient
 * region {@code grad[gradOffset, gradOffset + length)}. An optimizer reads the gradient and updates
 * the values in place; it never writes the gradient except when clipping it (see
 * {@link OptimizerBuilder#clipGradientNorm(double)}).
 *
 * <p>The two regions must be disjoint. The record holds the arrays themselves (not copies): the
 * caller's model owns them and writes new gradients into {@code grad} before every step.
 *
 * @param name       unique name within one optimizer; it keys the parameter's state in
 *                   {@link OptimizerState}
 * @param values     array holding the parameter values
 * @param offset     first element of the parameter in {@code values}
 * @param length     number of elements (may be 0)
 * @param grad       array holding the gradient
 * @param gradOffset first element of the gradient in {@code grad}
 */
public record Parameter(String name, float[] values, int offset, int length, float[] grad, int gradOffset) {

    /**
     * Checks the regions.
     *
     * @throws NullPointerException      if an argument is null
     * @throws IllegalArgumentException  if {@code length < 0}, the name is empty or the regions overlap
     * @throws IndexOutOfBoundsException if a region lies outside its array
     */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(grad, "grad");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        if (offset < 0 || offset > values.length - length) {
            throw new IndexOutOfBoundsException(name + ": values region [" + offset + ", " + ((long) offset + length)
                    + ") is outside the array of length " + values.length);
        }
        if (gradOffset < 0 || gradOffset > grad.length - length) {
            throw new IndexOutOfBoundsException(name + ": grad region [" + gradOffset + ", "
                    + ((long) gradOffset + length) + ") is outside the array of length " + grad.length);
        }
        if (values == grad && length > 0 && Math.abs(offset - gradOffset) < length) {
            throw new IllegalArgumentException(name + ": the values and grad regions overlap");
        }
    }

    /** The parameter {@code values[0, values.length)} with the gradient {@code grad[0, values.length)}. */
    public static Parameter of(String name, float[] values, float[] grad) {
        Objects.requireNonNull(values, "values");
        return new Parameter(name, values, 0, values.length, grad, 0);
    }

    @Override
    public String toString() {
        return "Parameter[" + name + ", length " + length + "]";
    }
}
