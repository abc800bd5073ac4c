package dev.cos.installer.error;

/**
 * The catalogue of failure classes. Each maps to one process exit code of the CLI; the numbers
 * follow the Elemental toolkit's where the classes overlap (33, 47, 49, 54, 56, 57), so scripts
 * written for it keep working. Documented in docs/exit-codes.md.
 */
public enum ErrorCode {
    USAGE(2, "invalid command line"),
    BAD_CONFIG(33, "invalid configuration file"),
    LAYOUT(46, "requested partition layout is invalid"),
    INVALID_TARGET(47, "invalid or unusable target"),
    TARGET_TOO_SMALL(48, "target too small"),
    BOOTLOADER(49, "bootloader installation failed"),
    SOURCE(50, "invalid, missing or corrupt source image"),
    IMAGE_BUILD(51, "building an image failed"),
    FORMAT(52, "formatting a partition failed"),
    NO_SPACE(53, "not enough free space"),
    MOUNT(54, "mounting or unmounting failed"),
    STATE_FILE(55, "writing state or environment files failed"),
    PARTITIONING(56, "partitioning failed"),
    ALREADY_INSTALLED(57, "already installed"),
    CLOUD_INIT(58, "copying cloud-init files failed"),
    LOOP_DEVICE(59, "attaching or detaching a loop device failed"),
    MISSING_TOOL(60, "a required system tool is missing"),
    NOT_ROOT(61, "root privileges required"),
    CANCELLED(62, "cancelled"),
    LOCKED(63, "another upgrade holds the lock"),
    NOT_IN_RECOVERY(64, "only allowed when booted from recovery"),
    FILESYSTEM(65, "filesystem errors remain"),
    IN_USE(66, "the partition or image is in use by the running system"),
    DOWNLOAD(67, "downloading the source failed"),
    ACCESS_DENIED(68, "the calling user may not open a path they named"),
    NOT_AUTHORIZED(69, "not authorized by polkit to change the system"),
    INTERNAL(70, "internal error");

    private final int exitCode;
    private final String summary;

    ErrorCode(int exitCode, String summary) {
        this.exitCode = exitCode;
        this.summary = summary;
    }

    public int exitCode() {
        return exitCode;
    }

    public String summary() {
        return summary;
    }
}
