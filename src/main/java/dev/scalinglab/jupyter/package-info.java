/**
 * A kernel-neutral notebook display layer: which Java kernel runs the cell (this project's, JJava,
 * IJava or none), showing and updating MIME bundles, and renderers for library types. Imports
 * nothing of the app.
 */
package dev.scalinglab.jupyter;
