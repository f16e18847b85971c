/**
 * Geometry in one convention: pixel units, top-left origin, half-open intervals.
 * File formats convert to and from it at the edge ({@code io}).
 */
package org.boxrefine.geom;
