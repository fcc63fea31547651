package functions.provisioning;

import java.util.Optional;

/** Where the next silo tenant's stack goes (Settings item {@code siloPlacement}); {@code wave} is optional. */
public record SiloPlacement(String account, String region, Optional<Integer> wave) {
}
