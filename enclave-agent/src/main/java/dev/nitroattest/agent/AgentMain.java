package dev.nitroattest.agent;

import dev.nitroattest.agent.binding.BindingFileException;
import dev.nitroattest.agent.binding.BindingSource;
import dev.nitroattest.process.CommandLineProcess;
import dev.nitroattest.process.StartupFailure;
import dev.nitroattest.text.LineLog;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code java -jar enclave-agent.jar --listen vsock:PORT|tcp:HOST:PORT --nsm /dev/nsm|emulated [...]}. Serves until
 * SIGTERM, then stops accepting, closes connections and the NSM, and exits (with status 143, as every JVM stopped
 * by SIGTERM does). Exit status 2: the command line, or a file it names, is wrong; 1: the environment does not
 * allow starting (no NSM device, address in use, a bridge that cannot listen), or the server or a bridge stopped by
 * itself after a failure it cannot recover from. Each failure is one sentence on standard error.
 */
public final class AgentMain {
    /** The status after the server stopped by itself; the same as for an environment that does not allow starting. */
    static final int SERVER_FAILED = StartupFailure.ENVIRONMENT;

    private AgentMain() {}

    /**
     * Runs the agent until SIGTERM; exits non-zero, after one sentence on standard error, when it cannot start or
     * stops on a failure.
     *
     * @param args the command line (see {@code --help})
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the agent; returns only after --help, on a startup failure, or once the server has stopped. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandLineProcess.run("enclave-agent", new AgentCommand(), args, out, err,
                command -> serve(command.plan(), LineLog.to(err, "enclave-agent")));
    }

    /**
     * The binding as the agent finds it at start. A file that is missing or malformed now does not stop the start:
     * the application may publish it later, and until then each request is answered BINDING_UNAVAILABLE.
     */
    private static String bindingNow(BindingSource binding) {
        if (binding instanceof BindingSource.Nothing) {
            return "";
        }
        try {
            return " (now: " + binding.current().summary() + ")";
        } catch (BindingFileException e) {
            return " (now unavailable, " + e.reason() + ": " + e.getMessage() + ")";
        }
    }

    /** Serves until the server stops; returns the exit status. */
    private static int serve(AgentCommand.Plan plan, LineLog log) throws StartupFailure {
        NsmSetup.OpenedNsm opened = NsmSetup.open(plan.nsm(), log);
        AgentServer server;
        try {
            server = AgentServer.start(plan.listen(), opened.nsm(), plan.binding(), plan.settings(), log);
        } catch (IOException e) {
            opened.nsm().close();
            throw StartupFailure.environment(e.getMessage());
        }
        Bridges bridges;
        try {
            // A failed bridge stops the server too, so that the agent exits and its supervisor starts it again.
            bridges = Bridges.start(plan.bridges(), plan.bridgeLimits(), log, server::close);
        } catch (IOException e) {
            server.close();
            opened.nsm().close();
            throw StartupFailure.environment(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.line("stopping");
            bridges.close();
            server.close();
            opened.nsm().close();
            log.line("stopped");
        }, "agent-shutdown"));
        List<String> bridgeEndpoints = bridges.endpoints();
        for (int i = 0; i < bridgeEndpoints.size(); i++) {
            log.line("bridging " + bridgeEndpoints.get(i) + " to " + plan.bridges().get(i).destination() + " (at most "
                    + plan.bridgeLimits().maxConnections() + " connections, idle timeout "
                    + plan.bridgeLimits().idleTimeout().toMillis() + " ms)");
        }
        log.line(plan.binding().description() + bindingNow(plan.binding()));
        log.line("listening on " + server.endpoint() + " with " + opened.description() + " (at most "
                + plan.settings().maxConnections() + " connections, idle timeout "
                + plan.settings().idleTimeout().toMillis() + " ms, frame timeout "
                + plan.settings().frameTimeout().toMillis() + " ms)");
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The server has logged why it stopped; the status tells a supervisor to start the agent again.
        return server.failure().isPresent() || bridges.failure().isPresent() ? SERVER_FAILED : 0;
    }
}
