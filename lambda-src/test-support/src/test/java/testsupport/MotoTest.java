package testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;

/** The emulator fixture starts the pinned moto, and refuses anything else with the command that fixes it. */
class MotoTest {

    @TempDir
    Path dir;

    @Test
    void aConfiguredClientActsInMotosDefaultAccount() {
        try (StsClient sts = Moto.get().configure(StsClient.builder()).build()) {
            assertEquals(Moto.ACCOUNT, sts.getCallerIdentity().account());
        }
    }

    @Test
    void aServerAnnouncingAnotherVersionIsRefusedWithTheInstallCommand() throws IOException {
        Path launcher = Files.writeString(dir.resolve("other.py"),
                "import sys\nprint('moto 4.2.14 5999', flush=True)\nsys.stdin.read()\n");

        var e = assertThrows(IllegalStateException.class, () -> Moto.start("python3", launcher));

        assertTrue(e.getMessage().contains("moto 4.2.14 answered; the tests are pinned to 5.2.1"), e.getMessage());
        assertTrue(e.getMessage().contains(Moto.INSTALL), e.getMessage());
    }

    @Test
    void aPythonWithoutMotoFailsAtOnceNamingTheInstallCommand() throws IOException {
        // python3 -S: no site-packages, so no moto, as on a machine where it was never installed.
        Path python = Files.writeString(dir.resolve("python-without-moto"), "#!/bin/sh\nexec python3 -S \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
        Path launcher = Path.of(System.getProperty(Moto.SCRIPT_PROPERTY, "test-tools/moto_server.py"));

        var e = assertThrows(IllegalStateException.class, () -> Moto.start(python.toString(), launcher));

        assertTrue(e.getMessage().contains("moto server is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains("pip install 'moto[server]==5.2.1'"), e.getMessage());
    }
}
