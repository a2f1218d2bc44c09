/**
 * The enhancer's HTTP face, on Vert.x: the JSON API under {@code /v1}, Server-Sent Events of
 * every stream, health checks, Prometheus {@code /metrics} and the operator's web page (static
 * files under {@code webroot/} on the classpath, no CDN).
 *
 * <p>{@link dev.framelift.enhancer.gateway.GatewayVerticle} is the route table; each handler
 * class serves one concern. Handlers never block the event loop: Kafka sends, image
 * conversion, health probes and scrapes run on Vert.x worker threads. What the gateway knows of
 * the streams comes from the topics ({@link dev.framelift.enhancer.live}), so every instance's
 * gateway shows every stream; what it knows of the engine comes through
 * {@link dev.framelift.enhancer.gateway.EngineStatus} and {@link dev.framelift.enhancer.gateway.ModelAdmin}.
 */
package dev.framelift.enhancer.gateway;
