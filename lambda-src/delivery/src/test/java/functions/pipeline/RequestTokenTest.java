package functions.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTokenTest {

    private static final List<String> BATCH = List.of("4421584500000000017450439291", "4421584500000000017450439491");

    @Test
    void tokenMeetsCodePipelinesClientRequestTokenRule() {
        String token = RequestToken.derive("saas-fleet", BATCH);

        assertTrue(token.matches("[a-zA-Z0-9-]{1,128}"), token);
    }

    @Test
    void sameBatchForTheSamePipelineGivesTheSameToken() {
        assertEquals(RequestToken.derive("saas-fleet", BATCH), RequestToken.derive("saas-fleet", List.copyOf(BATCH)));
    }

    @Test
    void anotherBatchOrAnotherPipelineGivesAnotherToken() {
        String token = RequestToken.derive("saas-fleet", BATCH);

        assertNotEquals(token, RequestToken.derive("saas-fleet", BATCH.subList(0, 1)));
        assertNotEquals(token, RequestToken.derive("saas-fleet-2", BATCH));
        // The separator keeps ["12", "3"] and ["1", "23"] apart.
        assertNotEquals(RequestToken.derive("p", List.of("12", "3")), RequestToken.derive("p", List.of("1", "23")));
    }
}
