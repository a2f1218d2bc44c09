/**
 * The running enhancer: wires configuration, models, the micro-batcher and the Kafka Streams
 * topology together, creates missing topics, and owns the lifecycle of all of them; maps the
 * settings onto Kafka Streams (refusing overrides that would undo exactly-once) and decides when
 * a failure is fatal, so that the process ends and a supervisor restarts it.
 */
package dev.framelift.enhancer.app;
