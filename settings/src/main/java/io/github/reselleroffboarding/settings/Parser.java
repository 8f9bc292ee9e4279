package io.github.reselleroffboarding.settings;

/**
 * Turns a setting's text into its typed value. A value that does not fit throws
 * {@link IllegalArgumentException} whose message says what is wrong without the setting's name (the loader adds
 * it) and, for secrets, without the value.
 */
@FunctionalInterface
public interface Parser<T> {

    T parse(String text);
}
