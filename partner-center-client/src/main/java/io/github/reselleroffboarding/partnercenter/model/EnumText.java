package io.github.reselleroffboarding.partnercenter.model;

import java.util.Locale;

/** Partner Center writes one enum value several ways ({@code microsoft_support}, {@code microsoftSupport}). */
public final class EnumText {

    private EnumText() {
    }

    /** Lower case without underscores, hyphens or spaces: the form two spellings of a value agree on. */
    public static String normalize(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '_' && c != '-' && c != ' ') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
