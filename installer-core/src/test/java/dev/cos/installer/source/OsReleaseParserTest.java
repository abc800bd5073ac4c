package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OsReleaseParserTest {

    @Test
    void readsQuotedUnquotedAndEscapedValuesAndSkipsComments() {
        String text = """
                # a comment with NAME=wrong
                NAME="cOS \\"Demo\\""
                  VERSION_ID=0.9.1
                PRETTY_NAME='cOS Demo $not expanded'

                ID=cos # trailing comment
                not an assignment
                """;

        OsRelease release = OsReleaseParser.parse(text);

        assertEquals(Optional.of("cOS \"Demo\""), release.name());
        assertEquals(Optional.of("0.9.1"), release.versionId());
        assertEquals(Optional.of("cOS Demo $not expanded"), release.prettyName());
        assertEquals("cos", OsReleaseParser.values(text).get("ID"));
    }

    @Test
    void laterAssignmentsWinAndEmptyValuesAreAbsent() {
        OsRelease release = OsReleaseParser.parse("NAME=first\nNAME=second\nPRETTY_NAME=\"\"\n");

        assertEquals(Optional.of("second"), release.name());
        assertTrue(release.prettyName().isEmpty());
        assertEquals("second", release.displayName());
    }

    @Test
    void displayNameDefaultsToLinux() {
        assertEquals("Linux", OsReleaseParser.parse("").displayName());
        assertEquals("Demo 2", OsReleaseParser.parse("NAME=Demo\nVERSION_ID=2\r\n").displayName());
    }
}
