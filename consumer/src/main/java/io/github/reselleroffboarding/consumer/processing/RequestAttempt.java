package io.github.reselleroffboarding.consumer.processing;

/**
 * Which attempt at a request this is, as far as Partner Center's {@code MS-RequestId}s go. A request sent again
 * after no answer (a timeout, a connection failure, a crash) is the same attempt, so its calls carry the same ids
 * and Partner Center can recognise a PATCH it may have applied. After Partner Center answered (a 2xx that did not
 * confirm, a 5xx with its body) the next try is a new {@code generation}, and a dead letter sent back with
 * {@code offboard replay} is a new attempt too ({@code replayedFrom}, where the dead letter was): both get new ids.
 *
 * @param generation 0 for the first; one more after each answered try
 * @param replayedFrom the replay's origin ({@code topic-partition@offset}), or null for a request as published
 */
public record RequestAttempt(int generation, String replayedFrom) {

    public static final RequestAttempt FIRST = new RequestAttempt(0, null);

    public RequestAttempt {
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative");
        }
    }

    /** What the ids of this attempt are derived from besides the request; empty for the first attempt. */
    public String idScope() {
        String replay = replayedFrom == null || replayedFrom.isBlank() ? "" : "replay:" + replayedFrom;
        return generation == 0 ? replay : replay + "#" + generation;
    }
}
