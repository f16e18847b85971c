/**
 * The {@code boxrefine} command line (picocli): one class per subcommand. Reads and writes files
 * through {@code io}, runs the pipeline from {@code refine}, and writes to picocli's writers.
 */
package org.boxrefine.cli;
