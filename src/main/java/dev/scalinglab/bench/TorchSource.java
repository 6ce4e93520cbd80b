package dev.scalinglab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Python that may have PyTorch, and why the bench uses it.
 *
 * @param label the implementation's name in the tables, e.g. {@code pytorch-debian}
 * @param python the interpreter
 * @param origin where it comes from, e.g. "Debian's python3-torch"
 */
public record TorchSource(String label, Path python, String origin) {

  /** Debian's interpreter, with PyTorch from the {@code python3-torch} package. */
  public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

  /** The project's virtual environment (pip's newest PyTorch), relative to the project root. */
  public static final Path VENV_PYTHON = Path.of(".venv", "bin", "python");

  /**
   * Returns the Pythons to compare with: {@code explicit} if any were given, otherwise Debian's and
   * the project's {@code .venv} (looked for in {@code projectDir} and its parents).
   */
  public static List<TorchSource> choose(List<Path> explicit, Path projectDir) {
    List<TorchSource> sources = new ArrayList<>();
    if (!explicit.isEmpty()) {
      for (int i = 0; i < explicit.size(); i++) {
        String label = explicit.size() == 1 ? "pytorch" : "pytorch-" + (i + 1);
        sources.add(new TorchSource(label, explicit.get(i), "--python"));
      }
      return sources;
    }
    sources.add(new TorchSource("pytorch-debian", DEBIAN_PYTHON, "Debian's python3-torch"));
    sources.add(new TorchSource("pytorch-venv", findVenv(projectDir), "pip's torch in .venv"));
    return sources;
  }

  private static Path findVenv(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(VENV_PYTHON);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    return start.toAbsolutePath().resolve(VENV_PYTHON);
  }

  /** Returns why this Python cannot run, or null if it is an executable file. */
  String notRunnable() {
    if (!Files.isExecutable(python)) {
      return python
          + " not found ("
          + (label.equals("pytorch-venv")
              ? "environment/setup creates .venv with pip's torch"
              : "install Debian's python3 and python3-torch")
          + ")";
    }
    return null;
  }
}
