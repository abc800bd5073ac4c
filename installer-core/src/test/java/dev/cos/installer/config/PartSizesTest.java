package dev.cos.installer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.model.PartitionRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartSizesTest {

    @Test
    void parsesAllFourInDiskOrder() {
        Map<PartitionRole, Long> sizes = PartSizes.parse("persistent=0,state=8192, recovery = 4096,oem=64");

        assertEquals(List.of(PartitionRole.OEM, PartitionRole.RECOVERY, PartitionRole.STATE, PartitionRole.PERSISTENT),
                List.copyOf(sizes.keySet()));
        assertEquals(List.of(64L, 4096L, 8192L, 0L), List.copyOf(sizes.values()));
    }

    @Test
    void aSubsetIsFine() {
        assertEquals(Map.of(PartitionRole.STATE, 6000L), PartSizes.parse("state=6000"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            efi=64                 | unknown partition 'efi' in 'efi=64': valid names are oem, recovery, state, persistent
            state=big              | size of state must be a whole number of MiB, got 'big'
            state=8G               | size of state must be a whole number of MiB, got '8G'
            oem=-64                | size of oem must not be negative, got -64
            state=1,state=2        | partition 'state' is given twice; give each of oem, recovery, state, persistent at most once
            state                  | 'state' is not NAME=MiB (e.g. state=8192); NAME is one of oem, recovery, state, persistent
            'state=1,'             | '' is not NAME=MiB
            '  '                   | no partition sizes given
            """)
    void refusesWithTheValidNames(String flag, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartSizes.parse(flag));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
