/**
 * In-memory images, masks and probability maps, and the pixel operations on them (resizing,
 * connected components, overlays). Pure computation: nothing here touches files.
 */
package org.boxrefine.image;
