package dev.framelift.enhancer.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.schema.Topics;

/** {@code framelift run}: the enhancer against any Kafka cluster, until Ctrl-C or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the enhancer against a Kafka cluster: " + Topics.RAW + " -> " + Topics.ENHANCED
                + " (failures -> " + Topics.REJECTED + "), exactly once.",
                "Creates missing topics (see README for partitions and limits). Ctrl-C stops it cleanly."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers; required unless FRAMELIFT_BOOTSTRAP_SERVERS, --config or --set gives bootstrap.servers.")
    String bootstrapServers;

    @Spec
    CommandSpec spec;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the HTTP gateway: API, web page, /metrics, health (default: http.port, 8080; 0 picks a free one).")
    Integer httpPort;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        EnhancerConfig config = options.toConfig(bootstrapServers, httpPort);
        if (!config.originals().containsKey(EnhancerConfig.BOOTSTRAP_SERVERS)) {
            // the default (127.0.0.1:9092) suits the local tools, never silently a service
            throw new ParameterException(spec.commandLine(), "Missing the Kafka cluster: give --bootstrap-servers, "
                    + EnhancerConfig.environmentVariable(EnhancerConfig.BOOTSTRAP_SERVERS) + ", or bootstrap.servers in --config");
        }
        EnhancerService service = EnhancerService.start(config, Duration.ofMinutes(2));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping: finishing in-flight frames and committing...");
            service.close();
            stopped.countDown();
        }, "enhancer-shutdown"));
        System.out.printf("FrameLift enhancer running against %s with models %s. Ctrl-C to stop.%n",
                config.bootstrapServers(), service.registry().tasks());
        service.httpPort().ifPresent(port -> System.out.printf("HTTP gateway on port %d: web page at /, API under /v1, "
                + "/metrics, /health/ready%n", port));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
