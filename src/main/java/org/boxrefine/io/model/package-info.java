/** Trained-model files: parameters plus provenance. */
package org.boxrefine.io.model;
