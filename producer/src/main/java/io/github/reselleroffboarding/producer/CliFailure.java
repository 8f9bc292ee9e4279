package io.github.reselleroffboarding.producer;

/** A failure the user can act on: printed as one line, {@code error: <message>}, with its exit code. */
public final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliFailure(String message) {
        this(message, ExitCodes.FAILURE);
    }

    public CliFailure(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
