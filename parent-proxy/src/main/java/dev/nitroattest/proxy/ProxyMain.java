package dev.nitroattest.proxy;

import dev.nitroattest.process.CommandLineProcess;
import dev.nitroattest.process.StartupFailure;
import dev.nitroattest.text.LineLog;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar parent-proxy.jar --enclave vsock:CID:PORT|tcp:HOST:PORT --http HOST:PORT [...]}. Serves until
 * SIGTERM, then stops the HTTP API, the forwarders, the ingress and the agent connections, and exits (with status
 * 143, as every JVM stopped by SIGTERM does). Exit status 2: the command line, or a file it names, is wrong; 1: an
 * address cannot be listened on. Each failure is one sentence on standard error.
 */
public final class ProxyMain {
    private ProxyMain() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the proxy; returns only after --help or --version, on a startup failure, or once it has stopped. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandLineProcess.run("parent-proxy", new ProxyCommand(), args, out, err, command -> {
            serve(command.plan(), LineLog.to(err, "parent-proxy"));
            return 0;
        });
    }

    private static void serve(ProxyCommand.Plan plan, LineLog log) throws StartupFailure {
        ProxySettings settings = plan.settings();
        ParentProxy proxy;
        try {
            proxy = ParentProxy.start(settings, log);
        } catch (IOException e) {
            throw StartupFailure.environment(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.line("stopping");
            proxy.close();
            log.line("stopped");
            stopped.countDown();
        }, "proxy-shutdown"));
        plan.warnings().forEach(warning -> log.line("WARNING: " + warning));
        log.line("listening on http://" + new HttpAddress(settings.http().host(), proxy.httpPort())
                + "/ for the enclave agent at " + settings.enclave() + " (at most " + settings.maxInFlight()
                + " attestations in flight, request timeout " + settings.requestTimeout().toMillis() + " ms)");
        for (int i = 0; i < settings.forwards().size(); i++) {
            log.line("forwarding " + proxy.forwardEndpoints().get(i) + " to "
                    + settings.forwards().get(i).destination() + " (at most "
                    + settings.forwardLimits().maxConnections() + " connections, idle timeout "
                    + settings.forwardLimits().idleTimeout().toSeconds() + " s)");
        }
        for (int i = 0; i < settings.ingress().rules().size(); i++) {
            log.line("ingress " + proxy.ingressEndpoints().get(i) + " relays to the enclave at "
                    + settings.ingress().rules().get(i).enclave() + " (at most " + settings.ingress().maxConnections()
                    + " connections, idle timeout " + settings.ingress().idleTimeout().toSeconds() + " s)");
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
