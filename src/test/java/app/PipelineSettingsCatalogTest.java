package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code pipeline.approveAfterCanary}: a person approves each release after the fleet canary. */
class PipelineSettingsCatalogTest {

    @TempDir
    Path dir;

    private static String withApproval(String json) {
        return Catalogs.valid().replaceFirst("\"pipeline\"\\s*:\\s*\\{", "\"pipeline\": {\"approveAfterCanary\": " + json
                + ",");
    }

    @Test
    void releasesRollOnWithoutAPersonUnlessTheCatalogAsks() {
        assertFalse(Catalogs.load(dir, Catalogs.valid()).pipeline().approveAfterCanary());
        assertTrue(Catalogs.load(dir, withApproval("true")).pipeline().approveAfterCanary());
        assertFalse(Catalogs.load(dir, withApproval("false")).pipeline().approveAfterCanary());
    }

    @Test
    void anApprovalSettingThatIsNotABooleanIsRejectedNamingTheField() {
        var e = Catalogs.failure(dir, withApproval("\"yes\""));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("approveAfterCanary") && e.problems().get(0).contains("boolean"),
                e.getMessage());
    }
}
