package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.disk.DiskFixtures;
import dev.cos.installer.testsupport.FakeWiring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cos-installer disks} over the output captured with loop0 attached and loop0p1 mounted. */
class DisksCommandTest {

    @TempDir
    Path root;

    private String run(String... args) {
        FakeWiring wiring = new FakeWiring(DiskFixtures.capturedRunner(), root);
        wiring.files = new DiskFixtures.Tree(root).mountInfo(DiskFixtures.read("mountinfo-with-loop-mounted.txt")).files();
        CommandLine cli = Main.commandLine(Privileges.Check.ANY, wiring::build);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        String[] argv = new String[args.length + 1];
        argv[0] = "disks";
        System.arraycopy(args, 0, argv, 1, args.length);
        assertEquals(0, cli.execute(argv));
        return out.toString();
    }

    @Test
    void tableShowsDisksPartitionsAndReasons() {
        String table = run();

        assertEquals("""
                PATH        SIZE       MODEL  TRANSPORT  INSTALLABLE
                /dev/loop0  300 MiB    -      -          no
                    1  100 MiB  cos-data   ext4  COS_OEM   /tmp/disks-cap/mnt
                    2  64 MiB   cos-efi    vfat  COS_GRUB  -
                    3  32 MiB   raw-space  -     -         -
                    not installable: /dev/loop0p1 is mounted at /tmp/disks-cap/mnt: unmount it first
                    not installable: /dev/loop0 is 300 MiB, less than the 4.0 GiB the installation needs: choose a bigger disk
                /dev/vda    256.0 GiB  -      -          no
                    not installable: /dev/vda holds the running system (/ is on /dev/vda): choose another disk
                """, table);
    }

    @Test
    void jsonHasKebabCaseFieldsForEveryDiskAndPartition() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run("--json", "--min-size", "256M"));

        assertEquals(256L * 1024 * 1024, json.get("minimumSizeBytes").asLong());
        JsonNode loop = json.get("disks").get(0);
        assertEquals("/dev/loop0", loop.get("path").asText());
        assertEquals("loop", loop.get("type").asText());
        assertEquals(314572800L, loop.get("sizeBytes").asLong());
        assertEquals(512, loop.get("sectorSizeBytes").asInt());
        assertEquals(false, loop.get("installable").asBoolean());
        assertEquals("mounted", loop.get("reasons").get(0).get("kind").asText());
        assertEquals(1, loop.get("reasons").size(), "300 MiB is above --min-size 256M");
        JsonNode p1 = loop.get("partitions").get(0);
        assertEquals("cos-data", p1.get("gptName").asText());
        assertEquals("0FC63DAF-8483-4772-8E79-3D69D8477DE4", p1.get("gptType").asText());
        assertEquals("ext4", p1.get("fsType").asText());
        assertEquals("COS_OEM", p1.get("fsLabel").asText());
        assertEquals("/tmp/disks-cap/mnt", p1.get("mountpoints").get(0).asText());
        JsonNode vda = json.get("disks").get(1);
        assertEquals("holds-running-root", vda.get("reasons").get(0).get("kind").asText());
    }

    @Test
    void badMinimumSizeIsAUsageError() {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        assertEquals(2, cli.execute("disks", "--min-size", "lots"));
        assertTrue(err.toString().contains("not a size: 'lots'"), err.toString());
    }
}
