/**
 * Engine set-up chosen once before DJL starts (threads per training): the bottom of the package
 * graph, below {@code data} and {@code train}, which both need the engine configured.
 */
package dev.scalinglab.engine;
