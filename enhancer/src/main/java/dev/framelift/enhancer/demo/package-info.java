/**
 * {@code framelift demo}: the whole system on one machine. An embedded KRaft broker, the
 * enhancer, a producer streaming the sample frames the repository ships (real photos and a
 * surveillance clip, degraded to low resolution and to grayscale) and a read_committed consumer
 * writing before/after images to {@code demo-out/}.
 */
package dev.framelift.enhancer.demo;
