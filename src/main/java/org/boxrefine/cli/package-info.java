/**
 * The command line: one picocli class per subcommand. Commands read and write files through {@code io} and
 * print through picocli's {@code getOut()} and {@code getErr()}; exit code 0 on success, 2 for a usage or input
 * error.
 */
package org.boxrefine.cli;
