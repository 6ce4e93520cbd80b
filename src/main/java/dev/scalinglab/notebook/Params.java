package dev.scalinglab.notebook;

import java.util.Locale;

/**
 * Notebook parameters with environment overrides: a notebook's parameters cell reads e.g. {@code
 * Params.integer("SCALING_LAB_EPOCHS", 5)}, so CI can run every notebook in a quick mode without
 * editing it. Loading it sets up the notebook renderers in the running kernel ({@link
 * Notebook#setup()}).
 */
public final class Params {

  // Lazy renderer registration: every notebook's parameters cell touches this class before any
  // cell shows a table or plot, and IJava (unlike JJava) runs no extensions. A no-op elsewhere.
  static {
    try {
      Notebook.setup();
    } catch (RuntimeException | LinkageError e) {
      System.out.println("note: tables and plots show as text here (" + e + ")");
    }
  }

  private Params() {}

  /** Returns the environment variable {@code name} as an int, or {@code fallback} if unset. */
  public static int integer(String name, int fallback) {
    String v = raw(name);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw bad(name, v, "an integer");
    }
  }

  /** Returns the environment variable {@code name} as a long, or {@code fallback} if unset. */
  public static long longValue(String name, long fallback) {
    String v = raw(name);
    try {
      return v == null ? fallback : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw bad(name, v, "an integer");
    }
  }

  /**
   * Returns the environment variable {@code name} as a finite double, or {@code fallback} if unset.
   */
  public static double decimal(String name, double fallback) {
    String v = raw(name);
    double parsed;
    try {
      parsed = v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw bad(name, v, "a number");
    }
    // NaN or Infinity would fail later with a message that does not name the variable.
    if (v != null && !Double.isFinite(parsed)) {
      throw bad(name, v, "a finite number");
    }
    return parsed;
  }

  /** Returns the environment variable {@code name}, or {@code fallback} if unset or blank. */
  public static String text(String name, String fallback) {
    String v = raw(name);
    return v == null ? fallback : v;
  }

  private static String raw(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static IllegalArgumentException bad(String name, String value, String what) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "Environment variable %s=%s is not %s",
            name,
            // A line break in the value would split the one-line message.
            value.replace("\r", "\\r").replace("\n", "\\n"),
            what));
  }
}
