/**
 * Hostile input, generated: the {@link dev.framelift.enhancer.corpus.HostileCorpus} of crafted
 * records that must each get their own answer, and the seeded
 * {@link dev.framelift.enhancer.corpus.FrameFuzzer} of mutated valid frames. Used by the
 * integration tests and by {@code framelift corpus}, which writes them as files for kcat so that
 * anyone can send them to a running enhancer. Nothing here runs in the service.
 */
package dev.framelift.enhancer.corpus;
