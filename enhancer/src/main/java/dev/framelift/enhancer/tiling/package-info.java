/**
 * Large frames through small inference calls: a frame bigger than {@code tile.size} is cut into
 * overlapping tiles ({@link dev.framelift.enhancer.tiling.TileGrid}), the tiles run through the
 * {@link dev.framelift.enhancer.inference.MicroBatcher} in batches like any other frames, and
 * their outputs are blended back with weights that ramp across the middle of each overlap
 * ({@link dev.framelift.enhancer.tiling.TileBlender}), so no tile edge is ever visible.
 * {@link dev.framelift.enhancer.tiling.TiledEnhancer} ties them together, one tile row at a
 * time, so memory holds one row of tile outputs, not the whole frame's. A colorizer's frame is
 * the exception: it is coloured whole from one reduced copy
 * ({@link dev.framelift.enhancer.tiling.ReducedColour}), since its colours depend on the whole scene.
 */
package dev.framelift.enhancer.tiling;
