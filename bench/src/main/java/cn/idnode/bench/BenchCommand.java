package cn.idnode.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar idnode-bench.jar <command>}: data sets, load tests, start-up time, the whole benchmark. */
@Command(name = "idnode-bench", mixinStandardHelpOptions = true,
        description = "Benchmarks for idnode: generate a data set, load-test the Handle UDP/TCP/HTTP-tunnel and REST "
                + "surfaces, measure start-up time, or run everything (`all`). See docs/benchmarks.md.",
        subcommands = {DatasetCommand.class, LoadTestCommand.class, StartupCommand.class, AllCommand.class,
            CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.registerConverter(java.time.Duration.class, new DurationConverter());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true);
        return cl;
    }
}
