package dev.lanes.nn.io;

import java.util.Arrays;

/**
 * One array of a safetensors file: a data type, a shape and the values (row-major). The value
 * array is held without copying.
 */
public final class Tensor {
    /** The data types Lanes reads and writes (little-endian in the file). */
    public enum DType {
        /** IEEE 754 binary32. */
        F32(4),
        /** Two's-complement 64-bit integer. */
        I64(8),
        /** Unsigned byte. */
        U8(1);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    private final DType dtype;
    private final long[] shape;
    private final Object data;

    private Tensor(DType dtype, long[] shape, Object data, int length) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements, the data has " + length);
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
    }

    /** A float tensor of the given shape over {@code values} (not copied). */
    public static Tensor f32(float[] values, long... shape) {
        return new Tensor(DType.F32, shape, values, values.length);
    }

    /** A 64-bit integer tensor of the given shape over {@code values} (not copied). */
    public static Tensor i64(long[] values, long... shape) {
        return new Tensor(DType.I64, shape, values, values.length);
    }

    /** An unsigned byte tensor of the given shape over {@code values} (not copied). */
    public static Tensor u8(byte[] values, long... shape) {
        return new Tensor(DType.U8, shape, values, values.length);
    }

    /** The data type. */
    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public int size() {
        return switch (dtype) {
            case F32 -> ((float[]) data).length;
            case I64 -> ((long[]) data).length;
            case U8 -> ((byte[]) data).length;
        };
    }

    /** The values of an F32 tensor (not copied). */
    public float[] floats() {
        require(DType.F32);
        return (float[]) data;
    }

    /** The values of an I64 tensor (not copied). */
    public long[] longs() {
        require(DType.I64);
        return (long[]) data;
    }

    /** The values of a U8 tensor (not copied). */
    public byte[] bytes() {
        require(DType.U8);
        return (byte[]) data;
    }

    private void require(DType t) {
        if (dtype != t) {
            throw new IllegalStateException("tensor is " + dtype + ", not " + t);
        }
    }
}
