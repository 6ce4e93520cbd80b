/**
 * The playground of notebook 05: widgets that set the input scale, learning rate, compensation rule
 * and optimizer, train against A's baseline and chart the loss live, step by step.
 */
package dev.scalinglab.playground;
