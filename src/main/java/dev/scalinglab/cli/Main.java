package dev.scalinglab.cli;

import dev.scalinglab.data.DataException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scaling-lab} command line: {@code reproduce} (the main job) and friends. */
@Command(
    name = "scaling-lab",
    mixinStandardHelpOptions = true,
    version = "scaling-lab 0.1.0",
    description = "Why input scale changes SGD: the Fashion-MNIST MLP question, reproduced.",
    subcommands = {
      ReproduceCommand.class,
      SweepCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  /** Exit code for bad options or bad input (values, data files). */
  public static final int USAGE = 2;

  /** Exit code after Ctrl-C (128 + SIGINT), as shells report it. */
  public static final int INTERRUPTED = 130;

  /** Exit code for a failure while running (data unavailable, training error). */
  public static final int FAILURE = 1;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given output streams and returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println("error: " + e.getMessage() + " (see --help)");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof CtrlC.Interrupted) {
            // The command has printed what was completed; 130 is the shell's code for SIGINT.
            return INTERRUPTED;
          }
          // Bad values and bad data are the user's to fix: usage errors, not crashes.
          boolean badInput = e instanceof IllegalArgumentException || e instanceof DataException;
          err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          return badInput ? USAGE : FAILURE;
        });
    return cli.execute(args);
  }

  /** Without a subcommand, prints the usage. */
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
