package io.github.reselleroffboarding.consumer.engine;

/** The engine can no longer commit; a new one must take over (it resumes from the committed offsets and state). */
public final class EngineFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EngineFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
