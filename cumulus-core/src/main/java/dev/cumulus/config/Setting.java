package dev.cumulus.config;

/**
 * One key set by the user, before validation, with where it came from.
 *
 * @param origin for error messages: {@code job.yaml line 7} or {@code --set}
 */
public record Setting(String key, Object rawValue, String origin) {
}
