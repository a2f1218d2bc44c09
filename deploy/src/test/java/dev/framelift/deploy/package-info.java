/**
 * Tests that keep the deployment files true to the code: {@code docker-compose.yml} and its GPU
 * override, {@code deploy/docker/Dockerfile} and its launcher, and the Kustomize base and overlays
 * under {@code deploy/k8s/} are read against the enhancer's configuration definitions
 * ({@code EnhancerConfig}), its topic setup ({@code TopicSetup}), the gateway's HTTP paths, the
 * Kafka client version and both command lines, so a rename or a new setting in the code that the
 * deployment files do not follow fails the build.
 */
package dev.framelift.deploy;
