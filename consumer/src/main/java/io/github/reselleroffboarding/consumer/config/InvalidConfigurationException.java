package io.github.reselleroffboarding.consumer.config;

/** A setting is missing or wrong; the message starts with its name. Never carries a secret's value. */
public final class InvalidConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidConfigurationException(String key, String problem) {
        super(key + ": " + problem, null, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
