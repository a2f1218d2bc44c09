/**
 * The model contract shared by the trainer, the enhancer and the {@code models} commands: the
 * contract's constants and per-task shapes ({@link dev.framelift.model.ModelContract}), the one
 * pixel type that crosses it ({@link dev.framelift.model.Image}) and the scope a model serves
 * ({@link dev.framelift.model.Scope}), which files are images
 * ({@link dev.framelift.model.ImageFiles}) and how a folder is deleted
 * ({@link dev.framelift.model.FileTrees}). Sub-packages: {@code runtime} (loading and running a
 * SavedModel with verification), {@code metrics} (PSNR, SSIM, colourfulness), {@code artifact}
 * (deterministic zip, bounded unzip, fetching), {@code signing} (Ed25519) and {@code topic}
 * (the {@code models} topic: reading, replaying, publishing).
 */
package dev.framelift.model;
