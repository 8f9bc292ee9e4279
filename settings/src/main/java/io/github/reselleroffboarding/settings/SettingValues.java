package io.github.reselleroffboarding.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The text of each setting as configured, read typed through its declaration. */
public final class SettingValues {

    private final SettingsCatalog catalog;
    private final Map<String, String> values;

    SettingValues(SettingsCatalog catalog, Map<String, String> values) {
        this.catalog = catalog;
        this.values = Map.copyOf(values);
    }

    /** The value, or the default; fails naming the setting when there is neither. */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new InvalidSettingException(setting.name(), "required"));
    }

    /** The value, or the default, if either is there. */
    public <T> Optional<T> find(Setting<T> setting) {
        if (!catalog.find(setting.name()).map(setting::equals).orElse(false)) {
            throw new IllegalArgumentException(setting.name() + " is not declared in this catalogue");
        }
        return text(setting).map(setting::parse);
    }

    /** Whether the setting was given (not only defaulted). */
    public boolean isSet(Setting<?> setting) {
        String value = values.get(setting.name());
        return value != null && !value.isBlank();
    }

    /** Every setting given, secrets masked: for the startup log line. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Setting<?> setting : catalog.settings()) {
            if (isSet(setting)) {
                parts.add(setting.name() + "=" + (setting.secret() ? "***" : maskUserInfo(values.get(setting.name())
                        .strip())));
            }
        }
        return String.join(", ", parts);
    }

    private Optional<String> text(Setting<?> setting) {
        String value = values.get(setting.name());
        if (value == null || value.isBlank()) {
            return setting.defaultText();
        }
        return Optional.of(value);
    }

    /** A URL's user info (a registry password, say) never reaches a log line. */
    public static String maskUserInfo(String value) {
        return value.replaceAll("//[^/@]*@", "//***@");
    }
}
