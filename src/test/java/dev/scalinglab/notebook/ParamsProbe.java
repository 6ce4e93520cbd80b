package dev.scalinglab.notebook;

/**
 * A child process for {@link NotebookDisplayTest}: {@link Params} reads the real environment, which
 * a JVM cannot change for itself. Prints one line per call: {@code NAME=value} or {@code NAME!
 * message}.
 */
public final class ParamsProbe {

  private ParamsProbe() {}

  /** Arguments: pairs of a kind (integer, long, decimal, text) and a variable name. */
  public static void main(String[] args) {
    for (int i = 0; i < args.length; i += 2) {
      String kind = args[i];
      String name = args[i + 1];
      try {
        Object value =
            switch (kind) {
              case "integer" -> Params.integer(name, -1);
              case "long" -> Params.longValue(name, -1L);
              case "decimal" -> Params.decimal(name, -1.0);
              default -> Params.text(name, "fallback");
            };
        System.out.println(name + "=" + value);
      } catch (IllegalArgumentException e) {
        // The message is printed as is: a line break in it would show as an extra line.
        System.out.println(name + "! " + e.getMessage());
      }
    }
  }
}
