package dev.cos.installer.layout;

import dev.cos.installer.model.ByteSize;

/**
 * Sizes of the images an install builds.
 *
 * @param tree the unpacked source tree (apparent bytes)
 * @param systemImage active.img and passive.img (each)
 * @param recoveryImage upper bound of the recovery image (a squashfs is usually smaller)
 */
public record ImageSizes(ByteSize tree, ByteSize systemImage, ByteSize recoveryImage) {
}
