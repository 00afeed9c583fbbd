package dev.lanes.spark;

import java.io.Serializable;
import java.util.function.Predicate;
import scala.runtime.AbstractFunction1;

/** Param validators written in Java, as the Scala functions Spark's {@code Param} takes. */
final class Validators {
    private Validators() {}

    /** A serializable predicate: Params are serialized with the stage that owns them. */
    interface Check<T> extends Predicate<T>, Serializable {}

    /** Spark's {@code isValid} function for {@code check}. */
    static <T> scala.Function1<T, Object> of(Check<T> check) {
        return new Fn<>(check);
    }

    private static final class Fn<T> extends AbstractFunction1<T, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Check<T> check;

        Fn(Check<T> check) {
            this.check = check;
        }

        @Override
        public Object apply(T value) {
            return value != null && check.test(value);
        }
    }
}
