package io.github.reselleroffboarding.producer;

import io.github.reselleroffboarding.producer.check.CheckCommand;
import io.github.reselleroffboarding.producer.replay.ReplayCommand;
import io.github.reselleroffboarding.producer.report.ReportCommand;
import io.github.reselleroffboarding.producer.send.SendCommand;
import io.github.reselleroffboarding.producer.tail.TailCommand;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code offboard}: the command line for CRM teams (send offboarding requests, preview them) and for operators
 * and auditors (watch outcomes, report on a period, replay dead letters). Every failure is one line on stderr and
 * a non-zero exit code.
 */
@Command(name = "offboard", mixinStandardHelpOptions = true, version = "offboard 0.1.0",
        subcommands = {SendCommand.class, CheckCommand.class, TailCommand.class, ReportCommand.class,
            ReplayCommand.class},
        description = "Publish reseller-offboarding requests, preview them, watch and report their outcomes.")
public final class OffboardCli implements Runnable {

    @Spec
    CommandSpec spec;

    private final CliContext context;

    public OffboardCli(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        System.exit(new OffboardCli(CliContext.system()).execute(args));
    }

    /** Runs one command line and returns its exit code; never throws, never exits the JVM. */
    public int execute(String... args) {
        CommandLine cli = new CommandLine(this, new ContextFactory(context));
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setDefaultValueProvider(new EnvironmentDefaults(context.environment()));
        cli.setParameterExceptionHandler((e, ignored) -> {
            String message = e.getMessage().replaceFirst("^Error: ", "");
            context.err().println("error: " + message + " (see '" + e.getCommandLine().getCommandName()
                    + " --help')");
            context.err().flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            context.err().println("error: " + (e instanceof CliFailure ? e.getMessage() : describe(e)));
            context.err().flush();
            return e instanceof CliFailure failure ? failure.exitCode() : ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }

    /** The environment variables the CLI reads (the consumer's names, where they overlap). */
    public static java.util.Set<String> environmentVariables() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        EnvironmentDefaults.OPTIONS.values().forEach(source -> names.add(source.setting().name()));
        return names;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: send, check, tail, report or replay");
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Gives each subcommand the {@link CliContext} through its constructor. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == CliContext.class) {
                    return type.cast(constructor.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
