package dev.sluice.jdbc.jobs;

/**
 * One view of an exported notebook run ({@code runs/export}).
 *
 * @param name the view's name (the notebook's path for its code view)
 * @param type {@code NOTEBOOK} or {@code DASHBOARD}
 * @param content the view as a self-contained HTML page
 */
public record ExportedView(String name, String type, String content) {
}
