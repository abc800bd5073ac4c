package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** --allow-unverified over the config's allow-unverified (docs/decisions/0003: flags win), and the summary mark. */
class UnverifiedSourcesTest {

    @CommandLine.Command(name = "verb")
    static final class Verb {
        @Mixin
        UnverifiedSources unverified;
    }

    private static UnverifiedSources parse(String... args) {
        Verb verb = new Verb();
        new CommandLine(verb).parseArgs(args);
        return verb.unverified;
    }

    @Test
    void refusedUnlessTheConfigOrTheFlagAllowsIt() {
        assertFalse(parse().allowed(Optional.empty()), "the default refuses");
        assertTrue(parse().allowed(Optional.of(true)), "config.yaml's allow-unverified: true");
        assertTrue(parse("--allow-unverified").allowed(Optional.empty()));
    }

    @Test
    void theFlagWinsOverTheConfigBothWays() {
        assertTrue(parse("--allow-unverified").allowed(Optional.of(false)));
        assertFalse(parse("--allow-unverified=false").allowed(Optional.of(true)));
    }

    @Test
    void theSummaryIsMarkedOnlyWhenAnUnverifiedImageWasUsed() {
        UnverifiedSources unverified = parse("--allow-unverified");
        assertFalse(unverified.used());
        StringBuilder warned = new StringBuilder();
        dev.cos.installer.service.SourcePolicy policy = unverified.policy(true, warned::append, true,
                dev.cos.installer.source.ContainerSettings.DEFAULTS);
        assertFalse(unverified.used(), "a policy alone marks nothing");
        policy.unverified().accept("no digest for http://example/image.tar");
        assertTrue(unverified.used(), "an image used without a digest marks the summary");
        assertEquals("no digest for http://example/image.tar", warned.toString());
    }
}
