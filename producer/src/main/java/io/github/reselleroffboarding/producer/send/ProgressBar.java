package io.github.reselleroffboarding.producer.send;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn at most ten times a second; silent when disabled. */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final long total;
    private final boolean enabled;
    private final String label;
    private long lastDrawn = Long.MIN_VALUE;

    ProgressBar(PrintWriter err, long total, boolean enabled) {
        this(err, total, enabled, "sending");
    }

    public ProgressBar(PrintWriter err, long total, boolean enabled, String label) {
        this.label = label;
        this.err = err;
        this.total = Math.max(total, 1);
        this.enabled = enabled;
    }

    public void update(long done) {
        long now = System.nanoTime();
        if (!enabled || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        draw(done);
    }

    public void finish(long done) {
        if (enabled) {
            draw(done);
            err.println();
            err.flush();
        }
    }

    private void draw(long done) {
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        err.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total);
        err.flush();
    }
}
