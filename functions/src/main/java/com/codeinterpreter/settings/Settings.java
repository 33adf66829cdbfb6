package com.codeinterpreter.settings;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The app's settings, read from the environment (app settings in Azure, {@code local.settings.json}
 * under Core Tools, the local host's environment otherwise). The only class that reads them.
 *
 * <p>Immutable and thread-safe.
 */
public final class Settings {
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** Settings from a map, for tests and the local host. */
    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** The value, or the setting's default, or empty when it has neither. */
    public Optional<String> get(Setting setting) {
        String value = values.get(setting.name());
        if (value == null || value.isBlank()) {
            return Optional.ofNullable(setting.defaultValue());
        }
        return Optional.of(value.strip());
    }

    /**
     * The value or its default.
     *
     * @throws IllegalStateException naming the setting, when it is missing and has no default
     */
    public String require(Setting setting) {
        return get(setting).orElseThrow(() -> new IllegalStateException(
                "The app setting " + setting.name() + " is not set. Add it to the app settings (local.settings.json locally)."));
    }

    public int requireInt(Setting setting) {
        String value = require(setting);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The app setting " + setting.name() + " must be a whole number, was '" + value + "'.");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }
}
