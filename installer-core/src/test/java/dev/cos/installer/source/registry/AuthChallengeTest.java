package dev.cos.installer.source.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void readsABearerChallengeWithACommaInItsScope() {
        assertEquals(List.of(new AuthChallenge("bearer", Map.of("realm", "https://auth.example.com/token",
                        "service", "registry.example.com", "scope", "repository:cos/demo:pull,push"))),
                AuthChallenge.parse("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
                        + "scope=\"repository:cos/demo:pull,push\""));
    }

    @Test
    void readsBasicAndSeveralChallengesInOneHeader() {
        List<AuthChallenge> challenges = AuthChallenge.parse("Basic realm=\"Registry Realm\", BEARER Realm=y , service=z");
        assertEquals(List.of(new AuthChallenge("basic", Map.of("realm", "Registry Realm")),
                new AuthChallenge("bearer", Map.of("realm", "y", "service", "z"))), challenges);
        assertEquals("y", challenges.get(1).parameter("REALM").orElseThrow());
    }

    @Test
    void unescapesQuotedStrings() {
        assertEquals("a \"quoted\" realm, really", AuthChallenge.parse("Basic realm=\"a \\\"quoted\\\" realm, really\"")
                .get(0).parameter("realm").orElseThrow());
    }

    @Test
    void aMissingOrEmptyHeaderHasNoChallenge() {
        assertEquals(List.of(), AuthChallenge.parse(null));
        assertEquals(List.of(), AuthChallenge.parse("  "));
        assertEquals(List.of(new AuthChallenge("negotiate", Map.of())), AuthChallenge.parse("Negotiate"));
    }
}
