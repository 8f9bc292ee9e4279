package io.github.reselleroffboarding.consumer.state;

/**
 * The state topic holds tenants' state in partitions their requests no longer go to: partitions were added to the
 * request topic since it was written. Going on would forget which requests were answered and which relationships
 * this service removed, so the service stops instead and says how to move the state.
 */
public final class MisplacedStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The command that moves the state, named in the message. */
    public static final String FIX = "java -cp offboarding-consumer.jar "
            + "io.github.reselleroffboarding.consumer.app.StateRepartitioner";

    public MisplacedStateException(String message) {
        super(message, null, false, false);
    }
}
