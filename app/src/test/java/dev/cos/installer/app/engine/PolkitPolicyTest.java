package dev.cos.installer.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The polkit policy under packaging/polkit, as polkitd would read it, and the checkout copy the dev script makes. */
class PolkitPolicyTest {

    private static final Path CHECKOUT = Path.of("").toAbsolutePath().getParent();
    private static final Path POLICY = CHECKOUT.resolve("packaging/polkit/dev.cos.installer.policy");

    /** The tray's status at login asks no password: an active local user starts the (then read-only) engine. */
    @Test
    void thePackagedPolicyLetsPkexecStartTheInstalledEngineForAnActiveUser() throws Exception {
        Element action = action(parse(Files.readAllBytes(POLICY)), "dev.cos.installer.engine");

        assertEquals(EngineLauncher.INSTALLED_ENGINE.toString(), annotations(action).get("org.freedesktop.policykit.exec.path"));
        assertEquals("true", annotations(action).get("org.freedesktop.policykit.exec.allow_gui"));
        assertEquals("auth_admin", text(action, "allow_any"));
        assertEquals("auth_admin", text(action, "allow_inactive"));
        assertEquals("yes", text(action, "allow_active"));
    }

    /** The root-equivalent action the engine asks polkit for before install, upgrade, reset, repair ... */
    @Test
    void changingTheSystemNeedsAnAdministratorAndNoProgramCarriesIt() throws Exception {
        Element action = action(parse(Files.readAllBytes(POLICY)), "dev.cos.installer.modify");

        assertEquals("Authentication is required to install, upgrade or repair the operating system on a disk", text(action, "message"));
        assertEquals("auth_admin", text(action, "allow_any"));
        assertEquals("auth_admin", text(action, "allow_inactive"));
        assertEquals("auth_admin_keep", text(action, "allow_active"));
        assertEquals(null, annotations(action).get("org.freedesktop.policykit.exec.path"), "pkexec never picks it");
    }

    @Test
    void theDevScriptNamesTheRealPathOfThisCheckoutsEngineUnderItsOwnActionId() throws Exception {
        Process process = new ProcessBuilder(CHECKOUT.resolve("packaging/polkit/install-dev-policy.sh").toString(), "--print")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] printed = process.getInputStream().readAllBytes();
        process.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue());

        Element action = action(parse(printed), "dev.cos.installer.engine.checkout");

        assertEquals(CHECKOUT.resolve("installer-core/bin/cos-installer").toRealPath().toString(),
                annotations(action).get("org.freedesktop.policykit.exec.path"));
        assertEquals("yes", text(action, "allow_active"));
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The DOCTYPE names the DTD by URL: never fetch it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Element action(Document document, String id) {
        assertEquals("policyconfig", document.getDocumentElement().getTagName());
        NodeList actions = document.getElementsByTagName("action");
        for (int i = 0; i < actions.getLength(); i++) {
            if (((Element) actions.item(i)).getAttribute("id").equals(id)) {
                return (Element) actions.item(i);
            }
        }
        throw new AssertionError("no action " + id);
    }

    private static Map<String, String> annotations(Element action) {
        Map<String, String> byKey = new HashMap<>();
        NodeList annotations = action.getElementsByTagName("annotate");
        for (int i = 0; i < annotations.getLength(); i++) {
            Element annotation = (Element) annotations.item(i);
            byKey.put(annotation.getAttribute("key"), annotation.getTextContent().strip());
        }
        return byKey;
    }

    private static String text(Element action, String tag) {
        NodeList nodes = action.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), tag);
        return nodes.item(0).getTextContent().strip();
    }
}
