package dev.lanes.optim.functions;

/** Shape checks shared by the test functions. */
final class Shapes {
    private Shapes() {}

    static void point(int length, int n) {
        if (length != n) {
            throw new IllegalArgumentException("x must have length " + n + " (the dimension), had " + length);
        }
    }

    static void output(String name, int length, int needed) {
        if (length < needed) {
            throw new IllegalArgumentException(name + " must have length >= " + needed + ", had " + length);
        }
    }
}
