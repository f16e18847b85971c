package org.boxrefine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code boxrefine} command line: one subcommand per job. */
@Command(name = "boxrefine", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Turns bounding boxes on images into tight object masks, learned from the boxes themselves.",
        subcommands = {RefineCommand.class, TrainCommand.class, ApplyCommand.class, EvalCommand.class,
            BaselineCommand.class, BenchCommand.class, DemoCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class BoxrefineCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line with boxrefine's error handling: exit code 2 and a one-line message on bad input. */
    public static CommandLine commandLine() {
        return new CommandLine(new BoxrefineCommand());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
