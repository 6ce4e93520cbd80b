package dev.scalinglab.data;

import java.nio.file.Path;

/**
 * A child process for {@link IdxValidatorTest}: validates a directory as another user would (root
 * reads every file, so permission errors need a process running as someone else). Prints "ok" or
 * the error's message.
 */
public final class ValidateDirectory {

  private ValidateDirectory() {}

  /** Argument: the directory to check. */
  public static void main(String[] args) {
    try {
      IdxValidator.checkDirectory(Path.of(args[0]));
      System.out.println("ok");
    } catch (DataException e) {
      System.out.println(e.getMessage());
    }
  }
}
