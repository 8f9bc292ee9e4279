package io.github.reselleroffboarding.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings a program reads, in their documented order: the one place the loader, the startup log line and
 * the README's configuration table come from.
 */
public final class SettingsCatalog {

    private final Map<String, Setting<?>> settings;

    private SettingsCatalog(Map<String, Setting<?>> settings) {
        this.settings = Collections.unmodifiableMap(settings);
    }

    public static SettingsCatalog of(List<Setting<?>> settings) {
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        for (Setting<?> setting : settings) {
            if (byName.putIfAbsent(setting.name(), setting) != null) {
                throw new IllegalArgumentException("setting declared twice: " + setting.name());
            }
        }
        return new SettingsCatalog(byName);
    }

    public List<Setting<?>> settings() {
        return List.copyOf(settings.values());
    }

    public boolean declares(String name) {
        return settings.containsKey(name);
    }

    /**
     * Reads the settings from the environment, and from the properties file {@code fileSetting} names (same
     * names; the environment wins). Names the catalogue does not declare are ignored in the environment (it holds
     * much else) and refused in the file (there they are typos).
     */
    public SettingValues load(Map<String, String> environment, Setting<Path> fileSetting) {
        Map<String, String> merged = new HashMap<>();
        String file = environment.get(fileSetting.name());
        if (file != null && !file.isBlank()) {
            Path path = fileSetting.parse(file);
            readProperties(fileSetting.name(), path).forEach((name, value) -> {
                if (!declares(name)) {
                    throw new InvalidSettingException(name, "unknown setting in " + path);
                }
                merged.put(name, value);
            });
        }
        environment.forEach((name, value) -> {
            if (declares(name)) {
                merged.put(name, value);
            }
        });
        return new SettingValues(this, merged);
    }

    /** Reads the settings from {@code values} alone (tests, embedded use). */
    public SettingValues load(Map<String, String> values) {
        Map<String, String> known = new HashMap<>();
        values.forEach((name, value) -> {
            if (declares(name)) {
                known.put(name, value);
            }
        });
        return new SettingValues(this, known);
    }

    /** A properties file as a map; a file that cannot be read fails naming {@code key}. */
    public static Map<String, String> readProperties(String key, Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new InvalidSettingException(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            map.put(name, props.getProperty(name));
        }
        return map;
    }

    /** The README's configuration table: one row per setting, name, default and meaning. */
    public String markdownTable() {
        List<String> rows = new ArrayList<>();
        rows.add("| variable | default | meaning |");
        rows.add("|---|---|---|");
        for (Setting<?> setting : settings.values()) {
            rows.add("| `" + setting.name() + "` | " + setting.defaultDoc() + " | " + setting.doc() + " |");
        }
        return String.join("\n", rows) + "\n";
    }

    Optional<Setting<?>> find(String name) {
        return Optional.ofNullable(settings.get(name));
    }
}
