/**
 * LabelMe JSON files: rectangle shapes as boxes ({@link org.boxrefine.io.labelme.LabelmeReader}) and masks as
 * polygon shapes ({@link org.boxrefine.io.labelme.LabelmeWriter}).
 */
package org.boxrefine.io.labelme;
