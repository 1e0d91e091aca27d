package fr.vigie.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Apache Kafka broker in this JVM, in KRaft mode (one node that is both controller and
 * broker), on a free port and in a directory of its own: Kafka's own test kit, not a mock.
 */
public final class KafkaBroker implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  private volatile boolean closed;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Formats and starts the broker; returns once it takes requests. */
  public static KafkaBroker start() {
    try {
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .setBaseDirectory(Files.createTempDirectory("vigie-kafka"))
                      .build())
              .setConfigProp("group.initial.rebalance.delay.ms", 0)
              .setConfigProp("offsets.topic.num.partitions", 1)
              .setConfigProp("offsets.topic.replication.factor", (short) 1)
              .setConfigProp("transaction.state.log.replication.factor", (short) 1)
              .setConfigProp("group.min.session.timeout.ms", 1_000)
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      KafkaBroker broker = new KafkaBroker(cluster);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::closeQuietly));
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the Kafka test broker did not start", e);
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** Stops the broker: Kafka is down from here on. */
  @Override
  public void close() throws Exception {
    if (!closed) {
      closed = true;
      cluster.close();
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (Exception e) {
      // The JVM is stopping.
    }
  }
}
