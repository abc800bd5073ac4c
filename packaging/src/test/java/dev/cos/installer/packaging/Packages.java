package dev.cos.installer.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The artifacts under test, built once per test JVM by the real scripts: the .deb
 * (build-packages.sh, from the jars the reactor built) and the live ISO (live-iso/build-live-iso.sh).
 */
final class Packages {

    /** The packaging module directory (tests run with it as the working directory). */
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path TARGET = MODULE.resolve("target");

    private static Path deb;
    private static Path iso;

    private Packages() {
    }

    /** The cos-installer .deb, built on first use into target/package/. */
    static synchronized Path deb() {
        if (deb == null) {
            long start = System.nanoTime();
            Run.Result built = Run.run(Duration.ofMinutes(10),
                    List.of("bash", MODULE.resolve("build-packages.sh").toString(), "--no-maven", "--output", TARGET.resolve("package").toString()));
            assertEquals(0, built.exit(), () -> "build-packages.sh failed: " + built);
            deb = Path.of(built.lastLine());
            System.out.printf("build-packages.sh: %s in %d s%n", deb, (System.nanoTime() - start) / 1_000_000_000);
        }
        return deb;
    }

    /** The live ISO, built on first use into target/live-iso/ (the OS layer comes from the cache). */
    static synchronized Path iso() {
        if (iso == null) {
            Path package_ = deb();
            long start = System.nanoTime();
            Run.Result built = Run.run(Duration.ofMinutes(20), List.of("bash", MODULE.resolve("live-iso/build-live-iso.sh").toString(),
                    "--deb", package_.toString(), "--output", TARGET.resolve("live-iso/cos-installer-live.iso").toString()));
            assertEquals(0, built.exit(), () -> "build-live-iso.sh failed: " + built);
            iso = Path.of(built.lastLine());
            System.out.printf("build-live-iso.sh: %s in %d s%n%s", iso, (System.nanoTime() - start) / 1_000_000_000,
                    built.stderr().lines().filter(l -> l.startsWith("build-live-iso:")).map(l -> l + "\n").reduce("", String::concat));
        }
        return iso;
    }

    static boolean isRegularNonLink(Path path) {
        return Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
