package dev.cos.installer.upgrade;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The one-upgrade-at-a-time lock: a file on COS_STATE ({@value #FILE_NAME} under /cOS) locked with
 * an fcntl lock ({@link FileChannel#tryLock}), which the kernel drops when the holder dies, so a
 * killed run never leaves a stale lock. The file itself stays; it says who holds (or last held) it:
 * pid, host and start time.
 */
public final class UpgradeLock implements AutoCloseable {

    public static final String FILE_NAME = ".upgrade.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private UpgradeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws InstallerException LOCKED naming the holder when another upgrade holds it
     */
    public static UpgradeLock acquire(Path file, Clock clock) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                channel.close();
                throw new InstallerException(ErrorCode.LOCKED, "another upgrade is running on this system ("
                        + (holder.isEmpty() ? "holder unknown" : holder) + "): wait for it to finish; the lock ("
                        + file + ") is released when that process ends");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + "\nhost=" + hostName()
                    + "\nstarted=" + OffsetDateTime.now(clock) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new UpgradeLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new InstallerException(ErrorCode.STATE_FILE, "cannot take the upgrade lock " + file + ": " + FailureWords.describe(e));
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
