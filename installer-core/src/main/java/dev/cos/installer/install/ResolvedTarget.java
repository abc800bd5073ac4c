package dev.cos.installer.install;

import dev.cos.installer.model.ByteSize;
import java.nio.file.Path;

/**
 * The target after checks: what it is, where, and how big.
 *
 * @param sectorBytes logical sector size (512 for loop devices over files)
 */
public record ResolvedTarget(TargetKind kind, Path path, ByteSize size, int sectorBytes) {
}
