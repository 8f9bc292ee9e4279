package io.github.reselleroffboarding.bench;

/** The bench could not measure what it set out to: a process would not start, a run could not be set up. */
final class BenchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
        super(message);
    }
}
