package dev.cos.installer.source.oci;

import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.NativeFiles;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;

/** Applies a layer with a non-ASCII file name into args[0], in a JVM the test starts with another locale; prints the outcome. */
final class ApplyInLocale {

    private ApplyInLocale() {
    }

    public static void main(String[] args) {
        byte[] layer = new LayerBuilder().file("caf\u00e9", "x").tar();
        try {
            new LayerApplier(NativeFiles.libc()).apply(new ByteArrayInputStream(layer), MediaTypes.OCI_LAYER,
                    Path.of(args[0]), "layer 1 of test");
            System.out.println("applied");
        } catch (InstallerException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
