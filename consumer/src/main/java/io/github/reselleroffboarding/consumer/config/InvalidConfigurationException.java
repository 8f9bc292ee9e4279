package io.github.reselleroffboarding.consumer.config;

import io.github.reselleroffboarding.settings.InvalidSettingException;

/** A consumer setting is missing or wrong; the message starts with its name. Never carries a secret's value. */
public final class InvalidConfigurationException extends InvalidSettingException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String key, String problem) {
        super(key, problem);
    }
}
