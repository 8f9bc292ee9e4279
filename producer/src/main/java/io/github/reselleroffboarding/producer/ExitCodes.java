package io.github.reselleroffboarding.producer;

/** The CLI's exit codes, as documented in the README. */
public final class ExitCodes {

    /** Everything asked for was done. */
    public static final int OK = 0;
    /** Could not do it: unreachable broker or registry, missing topic, send failed. */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown flag, missing or malformed value. */
    public static final int USAGE = 2;
    /** Bulk send: every valid line was sent, but some lines were skipped as invalid. */
    public static final int PARTIAL = 3;

    private ExitCodes() {
    }
}
