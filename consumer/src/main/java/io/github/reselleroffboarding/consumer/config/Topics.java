package io.github.reselleroffboarding.consumer.config;

/** The topics the service reads and writes. */
public record Topics(String requests, String removed, String blocked, String assessed, String deadLetter,
        String state) {
}
