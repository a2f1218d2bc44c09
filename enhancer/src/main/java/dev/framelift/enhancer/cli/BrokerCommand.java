package dev.framelift.enhancer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;

/** {@code framelift broker}: a real single-node KRaft broker for development and tests. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run a single-node Kafka broker (KRaft, from the Kafka jars) on 127.0.0.1.",
                "Prints its bootstrap address when ready; Ctrl-C stops it. Data survives restarts on the same --dir."})
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--dir", description = "Log directory (default: $TMPDIR/framelift-broker-<port>).")
    Path dir;

    @Option(names = "--max-message-bytes", defaultValue = "16777216",
            description = "Broker message.max.bytes, the limit of topics created on first use (default: ${DEFAULT-VALUE}, "
                    + "the enhancer's message.max.bytes, so that a frames.raw created by a producer has the limit the "
                    + "enhancer expects).")
    int maxMessageBytes;

    @Override
    public Integer call() throws Exception {
        Path logDir = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "framelift-broker-" + port);
        long started = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, logDir, maxMessageBytes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.printf("Kafka broker ready at %s (KRaft, log dir %s, started in %.1f s). Ctrl-C to stop.%n",
                broker.bootstrapServers(), logDir, (System.nanoTime() - started) / 1e9);
        System.out.println("Next: ./framelift run --bootstrap-servers " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
