/**
 * The patch networks and their training and inference on DJL's PyTorch engine. The only package
 * that imports {@code ai.djl}; it sees patches and regions as float arrays.
 */
package org.boxrefine.model;
