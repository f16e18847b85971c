/** Everything that touches files: one sub-package per format, plus atomic writing. */
package org.boxrefine.io;
