/** Image and mask files (PNG, JPEG and what ImageIO decodes). */
package org.boxrefine.io.image;
