package cn.idnode.server.cli;

import cn.idnode.server.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code idnode}: run a node and work with its data. */
@Command(name = "idnode", mixinStandardHelpOptions = true, versionProvider = IdnodeCommand.VersionProvider.class,
        description = "An identifier resolution node (Handle protocol) for the industrial internet.",
        subcommands = {ServeCommand.class, KeygenCommand.class, ResolveCommand.class, LoadCommand.class,
                AdminCommands.Create.class, AdminCommands.Add.class, AdminCommands.Modify.class,
                AdminCommands.Remove.class, AdminCommands.Delete.class, AdminCommands.ListHandles.class,
                AdminCommands.Home.class, AdminCommands.Unhome.class, CommandLine.HelpCommand.class})
public final class IdnodeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new IdnodeCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"idnode " + Version.get()};
        }
    }
}
