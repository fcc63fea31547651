package functions.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import contract.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PooledTierStacksTest {

    @Test
    void parsesOneEntryPerTierEnvironmentAndATierMayHaveSeveral() {
        PooledTierStacks stacks = PooledTierStacks.parse(
                "BASIC=222222222222/us-east-1,BASIC=555555555555/eu-west-1,STANDARD=222222222222/us-east-1");

        assertEquals(List.of(new AccountRegion("222222222222", "us-east-1"),
                new AccountRegion("555555555555", "eu-west-1")), stacks.environments(Tier.BASIC));
        assertEquals(List.of(new AccountRegion("222222222222", "us-east-1")), stacks.environments(Tier.STANDARD));
        assertEquals(List.of(), stacks.environments(Tier.PREMIUM));
    }

    @Test
    void everyBadEntryIsNamedWithTheVariable() {
        Map<String, String> cases = Map.of(
                "BASIC=222222222222/us-east-1,", "entry '' is not <TIER>=<account>/<region>",
                "BASIC:222222222222/us-east-1", "entry 'BASIC:222222222222/us-east-1' is not",
                "GOLD=222222222222/us-east-1", "entry 'GOLD=222222222222/us-east-1' names an unknown tier",
                "PLATINUM=222222222222/us-east-1", "names PLATINUM, which has silo stacks",
                "basic=222222222222/us-east-1", "entry 'basic=222222222222/us-east-1' is not",
                "BASIC=2222/us-east-1", "has an account that is not 12 digits",
                "BASIC=222222222222/Europe", "has a region that is not an AWS region name",
                "BASIC=222222222222/us-east-1,BASIC=222222222222/us-east-1", "is listed twice");
        cases.forEach((raw, problem) -> {
            var e = assertThrows(IllegalStateException.class, () -> PooledTierStacks.parse(raw), raw);
            assertEquals(true, e.getMessage().startsWith("environment variable POOLED_TIER_STACKS: entry '"),
                    e.getMessage());
            assertEquals(true, e.getMessage().contains(problem), e.getMessage());
        });
    }
}
