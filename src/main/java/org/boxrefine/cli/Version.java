package org.boxrefine.cli;

import picocli.CommandLine;

/** The version line: boxrefine's own version, from the jar manifest when packaged. */
final class Version implements CommandLine.IVersionProvider {
    static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"boxrefine " + get()};
    }
}
