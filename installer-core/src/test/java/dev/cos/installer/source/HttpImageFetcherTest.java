package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.testsupport.ImageServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from a real local web server: success, digests (required unless unverified images are
 * allowed), retries that resume, and every failure leaving no file behind. Pauses between tries are
 * recorded, not waited for.
 */
class HttpImageFetcherTest {

    @TempDir
    Path dir;

    private final ImageServer server = new ImageServer();
    private final byte[] image = bytes(3 * 1024 * 1024 + 17);
    private ByteSize free = ByteSize.ofGiB(1);
    private final List<Duration> pauses = new ArrayList<>();
    private boolean allowUnverified = true;

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpImageFetcher fetcher(Duration idle) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new HttpImageFetcher(client, Duration.ofSeconds(5), idle, directory -> free,
                new DownloadRetries(3, Duration.ofMillis(10), pauses::add), allowUnverified);
    }

    private FetchedImage fetch(String spec) {
        return fetcher(Duration.ofSeconds(5)).fetch(RemoteSource.parse(spec), dir, ByteProgress.NONE);
    }

    private InstallerException failure(String spec) {
        InstallerException e = assertThrows(InstallerException.class, () -> fetch(spec));
        assertNoFilesLeft();
        return e;
    }

    private void assertNoFilesLeft() {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing left in the download directory");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anImageWithNoDigestIsRefusedBeforeItIsDownloadedUnlessUnverifiedImagesAreAllowed() {
        server.serve("/img.squashfs", image);
        allowUnverified = false;
        InstallerException e = failure(server.url("/img.squashfs"));
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith(server.url("/img.squashfs") + " has no digest: add #sha256=<hex> to the URL or"
                + " publish " + server.url("/img.squashfs.sha256") + "; or pass --allow-unverified to install it unverified"),
                e.getMessage());
        assertEquals(List.of("/img.squashfs.sha256", "/img.squashfs"), server.requests(), "the digest asked for, the image"
                + " only looked at (HEAD)");
    }

    @Test
    void aMissingImageWithNoDigestIsToldAsMissingNotAsUnverified() {
        allowUnverified = false;
        InstallerException e = failure(server.url("/missing.img"));
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith("no image at " + server.url("/missing.img") + " (HTTP 404)"), e.getMessage());
    }

    @Test
    void anImageWithADigestNeedsNoPermission() throws Exception {
        server.serve("/img", image).serve("/img.sha256", (sha256(image) + "  img\n").getBytes());
        allowUnverified = false;
        assertArrayEquals(image, Files.readAllBytes(fetch(server.url("/img")).file()));
    }

    @Test
    void downloadsTheImageReportsProgressAndSaysNoDigestWasPublished() throws Exception {
        server.serve("/img.squashfs", image);
        List<long[]> progress = new ArrayList<>();
        FetchedImage fetched = fetcher(Duration.ofSeconds(5)).fetch(RemoteSource.parse(server.url("/img.squashfs")), dir,
                (done, total) -> progress.add(new long[] {done, total}));
        assertArrayEquals(image, Files.readAllBytes(fetched.file()));
        assertEquals(sha256(image), fetched.sha256());
        assertEquals(image.length, fetched.bytes());
        assertEquals(Optional.empty(), fetched.digestCheckedAgainst());
        assertTrue(progress.stream().allMatch(p -> p[1] == image.length), "every update has the announced total");
        long[] last = progress.get(progress.size() - 1);
        assertEquals(image.length, last[0]);
        assertEquals(image.length, last[1]);
        assertEquals(List.of("/img.squashfs.sha256", "/img.squashfs"), server.requests());
    }

    @Test
    void aDigestInTheUrlIsCheckedAndTheSidecarIsNotAskedFor() throws Exception {
        server.serve("/img", image);
        FetchedImage fetched = fetch(server.url("/img") + "#sha256=" + sha256(image).toUpperCase());
        assertEquals(Optional.of("the #sha256= of the URL"), fetched.digestCheckedAgainst());
        assertEquals(List.of("/img"), server.requests());
    }

    @Test
    void aWrongDigestInTheUrlFailsNamingBothDigestsAndRemovesTheFile() throws Exception {
        server.serve("/img", image);
        String wrong = "ab".repeat(32);
        InstallerException e = failure(server.url("/img") + "#sha256=" + wrong);
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().contains("expected sha256:" + wrong) && e.getMessage().contains("got sha256:" + sha256(image)),
                e.getMessage());
    }

    @Test
    void aSidecarDigestIsCheckedInSha256sumFormat() throws Exception {
        server.serve("/img", image).serve("/img.sha256", (sha256(image) + "  img\n").getBytes());
        assertEquals(Optional.of(server.url("/img.sha256")), fetch(server.url("/img")).digestCheckedAgainst());
    }

    @Test
    void aSidecarWithTheDigestAloneIsRead() throws Exception {
        server.serve("/img", image).serve("/img.sha256", sha256(image).getBytes());
        assertEquals(Optional.of(server.url("/img.sha256")), fetch(server.url("/img")).digestCheckedAgainst());
    }

    @Test
    void aSidecarLargerThan4KiBIsRefusedBeforeTheDownload() throws Exception {
        byte[] large = (sha256(image) + "  img\n" + "#".repeat(Sha256Sidecar.MAX_BYTES)).getBytes();
        server.serve("/img", image).serve("/img.sha256", large);
        InstallerException e = failure(server.url("/img"));
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith("the digest file " + server.url("/img.sha256") + " is larger than 4096 bytes ("
                + large.length + " bytes)"), e.getMessage());
        assertEquals(List.of("/img.sha256"), server.requests());
    }

    @Test
    void aSidecarThatDisagreesFailsAndNamesIt() throws Exception {
        server.serve("/img", image).serve("/img.sha256", ("cd".repeat(32) + "\n").getBytes());
        InstallerException e = failure(server.url("/img"));
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().contains("(from " + server.url("/img.sha256") + ")"), e.getMessage());
    }

    @Test
    void aSidecarThatHoldsNoDigestIsRefusedBeforeTheDownload() {
        server.serve("/img", image).serve("/img.sha256", "<html>index</html>".getBytes());
        InstallerException e = failure(server.url("/img"));
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().contains("does not start with a sha256 digest"), e.getMessage());
        assertEquals(List.of("/img.sha256"), server.requests());
    }

    @Test
    void a404SaysThereIsNoImageAndWhereToFixTheAddress() {
        InstallerException e = failure(server.url("/missing.img"));
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith("no image at " + server.url("/missing.img") + " (HTTP 404)"), e.getMessage());
        assertTrue(e.getMessage().contains("system.uri in the config file"), e.getMessage());
    }

    @Test
    void aServerErrorIsTriedAgainThenADownloadFailureSayingHowOftenItWasTried() {
        server.status("/img", 503);
        InstallerException e = failure(server.url("/img"));
        assertEquals(ErrorCode.DOWNLOAD, e.code());
        assertTrue(e.getMessage().startsWith("downloading " + server.url("/img") + " failed 3 times; the last try: the server"
                + " answered HTTP 503"), e.getMessage());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), pauses, "pauses doubling between tries");
    }

    @Test
    void aConnectionDroppedTwiceMidFileIsResumedWithRangeAndTheWholeFileVerified() throws Exception {
        int part = 1024 * 1024;
        server.resumable("/img", image, Optional.of("\"v1\""), 2, part);
        List<long[]> progress = new ArrayList<>();
        FetchedImage fetched = fetcher(Duration.ofSeconds(5)).fetch(RemoteSource.parse(server.url("/img") + "#sha256="
                + sha256(image)), dir, (done, total) -> progress.add(new long[] {done, total}));
        assertArrayEquals(image, Files.readAllBytes(fetched.file()));
        assertEquals(sha256(image), fetched.sha256());
        assertEquals(List.of("", "bytes=" + part + "- \"v1\"", "bytes=" + 2 * part + "- \"v1\""), server.ranges(),
                "each try asks for the rest, if it is still the same file");
        assertEquals(2, pauses.size());
        assertTrue(progress.stream().allMatch(p -> p[1] == image.length), "the total is the whole file's on every try");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], "progress never goes back when a try resumes");
        }
    }

    @Test
    void aServerWithoutRangesIsDownloadedAgainFromTheStart() throws Exception {
        server.resumable("/img", image, Optional.empty(), 1, 1024 * 1024).withoutRanges();
        FetchedImage fetched = fetch(server.url("/img") + "#sha256=" + sha256(image));
        assertArrayEquals(image, Files.readAllBytes(fetched.file()));
        assertEquals(List.of("", ""), server.ranges());
    }

    @Test
    void anUnverifiedImageIsNotResumedWithoutAnEtagToProveItIsTheSameFile() throws Exception {
        server.resumable("/img", image, Optional.empty(), 1, 1024 * 1024);
        FetchedImage fetched = fetch(server.url("/img"));
        assertArrayEquals(image, Files.readAllBytes(fetched.file()));
        assertEquals(List.of("", "", ""), server.ranges(), "sidecar, then two whole tries");
    }

    @Test
    void aFileChangedBetweenTriesIsDownloadedWholeNotMixed() throws Exception {
        byte[] newer = bytes(image.length + 5);
        ImageServer.Resumable file = server.resumable("/img", image, Optional.of("\"v1\""), 1, 1024 * 1024);
        // The first try reads the old version and is dropped; the file changes before the second.
        List<Duration> replaced = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpImageFetcher fetcher = new HttpImageFetcher(client, Duration.ofSeconds(5), Duration.ofSeconds(5), d -> free,
                new DownloadRetries(3, Duration.ofMillis(10), pause -> {
                    replaced.add(pause);
                    file.replace(newer, "\"v2\"");
                }), false);
        FetchedImage fetched = fetcher.fetch(RemoteSource.parse(server.url("/img") + "#sha256=" + sha256(newer)), dir,
                ByteProgress.NONE);
        assertArrayEquals(newer, Files.readAllBytes(fetched.file()));
        assertEquals(List.of("", "bytes=" + 1024 * 1024 + "- \"v1\""), server.ranges());
        assertEquals(1, replaced.size());
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        server.serve("/real", image).redirect("/moved", server.url("/real"));
        assertArrayEquals(image, Files.readAllBytes(fetch(server.url("/moved")).file()));
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        InstallerException e = failure("http://127.0.0.1:" + port + "/img");
        assertEquals(ErrorCode.DOWNLOAD, e.code());
        assertTrue(e.getMessage().contains("cannot connect to 127.0.0.1:" + port) && e.getMessage().contains("connection refused"),
                e.getMessage());
    }

    @Test
    void aConnectionDroppedOnEveryTryFailsSayingHowOftenAndWhyAndLeavesNoFile() {
        server.cut("/img", image, image.length / 3);
        InstallerException e = failure(server.url("/img"));
        assertEquals(ErrorCode.DOWNLOAD, e.code());
        assertTrue(e.getMessage().startsWith("downloading " + server.url("/img") + " failed 3 times; the last try: the"
                + " connection broke after "), e.getMessage());
        assertTrue(e.getMessage().endsWith("check the network and the server, then try again"), e.getMessage());
        assertEquals(List.of("/img.sha256", "/img", "/img", "/img"), server.requests());
    }

    @Test
    void aStalledTransferIsGivenUpAfterTheIdleTimeout() {
        server.stall("/img", image, 1000);
        InstallerException e = assertThrows(InstallerException.class,
                () -> fetcher(Duration.ofMillis(600)).fetch(RemoteSource.parse(server.url("/img")), dir, ByteProgress.NONE));
        assertEquals(ErrorCode.DOWNLOAD, e.code());
        assertTrue(e.getMessage().contains("failed 3 times; the last try: the download from " + server.url("/img")
                + " stalled: nothing received for 0.6 s"), e.getMessage());
        assertNoFilesLeft();
    }

    @Test
    void anImageLargerThanTheFreeSpaceIsRefusedBeforeAnythingIsWritten() {
        server.serve("/img", image);
        free = ByteSize.ofBytes(image.length - 1);
        InstallerException e = failure(server.url("/img"));
        assertEquals(ErrorCode.NO_SPACE, e.code());
        assertTrue(e.getMessage().contains("(" + image.length + " bytes)") && e.getMessage().contains(dir.toString()),
                e.getMessage());
    }
}
