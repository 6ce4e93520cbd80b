/**
 * Maven dependency resolution for the kernel's {@code %maven} magics: Maven's own resolver through
 * MIMA, into the user's local repository. Knows nothing of the kernel.
 */
package dev.scalinglab.kernel.maven;
