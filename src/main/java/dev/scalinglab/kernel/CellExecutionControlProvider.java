package dev.scalinglab.kernel;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell one ready-made {@link CellExecutionControl}. */
final class CellExecutionControlProvider implements ExecutionControlProvider {
  private final CellExecutionControl control;

  /** Creates a provider that always returns {@code control}. */
  CellExecutionControlProvider(CellExecutionControl control) {
    this.control = control;
  }

  @Override
  public String name() {
    return "scaling-lab-cell";
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    return control;
  }
}
