package io.github.reselleroffboarding.settings;

/** A setting is missing or wrong; the message starts with its name. Never carries a secret's value. */
public class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    public InvalidSettingException(String key, String problem) {
        super(key + ": " + problem, null, false, false);
        this.key = key;
        this.problem = problem;
    }

    /** What is wrong, without the name. */
    public String problem() {
        return problem;
    }

    /** The name of the setting at fault. */
    public String key() {
        return key;
    }
}
