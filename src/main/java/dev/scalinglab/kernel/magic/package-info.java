/**
 * The kernel's magics, one class each, as JJava has them: {@code %classpath}/{@code %jars}, {@code
 * %maven}, {@code %mavenRepo}, {@code %loadFromPOM}, {@code %time}/{@code %%time} and {@code
 * %load}; {@link dev.scalinglab.kernel.magic.BuiltInMagics} registers them through the kernel
 * library's extension mechanism.
 */
package dev.scalinglab.kernel.magic;
