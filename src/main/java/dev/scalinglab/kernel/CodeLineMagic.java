package dev.scalinglab.kernel;

/**
 * A line magic whose argument is Java code ({@code %time expr}): it receives the rest of the line
 * as written, quotes included, where a {@link org.dflib.jjava.jupyter.kernel.magic.LineMagic} gets
 * words with their quotes removed.
 */
@FunctionalInterface
public interface CodeLineMagic {
  /** Runs the magic on {@code code} and returns the cell's value, or null. */
  Object eval(JavaKernel kernel, String code) throws Exception;
}
