package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Line(Integer quantity, BigDecimal price) {
    }

    record Body(String name, List<Line> lines) {
    }

    private static String failingField(String body) {
        return assertThrows(ValidationException.class, () -> Json.readBody(body, Body.class)).field();
    }

    @Test
    void unknownFieldIsAValidationErrorNamingIt() {
        assertEquals("color", failingField("{\"name\":\"a\",\"color\":\"red\"}"));
        assertEquals("lines[0].discount", failingField("{\"lines\":[{\"quantity\":1,\"discount\":2}]}"));
    }

    @Test
    void wrongTypeIsAValidationErrorNamingTheField() {
        assertEquals("lines[0].quantity", failingField("{\"lines\":[{\"quantity\":1.5}]}"));
        assertEquals("lines[0].quantity", failingField("{\"lines\":[{\"quantity\":\"3\"}]}"));
        assertEquals("name", failingField("{\"name\":{}}"));
    }

    @Test
    void malformedOrMissingBodyIsAValidationErrorNamingTheBody() {
        assertEquals("body", failingField("{\"name\":"));
        assertEquals("body", failingField("{} trailing"));
        assertEquals("body", failingField("[]"));
        assertEquals("body", failingField("null"));
        assertEquals("body", failingField(""));
        assertEquals("body", failingField(null));
        assertEquals("body", failingField("{\"name\":\"a\",\"name\":\"b\"}"));
    }

    @Test
    void decimalsAreReadExactlyAndWrittenPlain() {
        Body body = Json.readBody("{\"lines\":[{\"quantity\":2,\"price\":0.10}]}", Body.class);
        assertEquals(new BigDecimal("0.10"), body.lines().get(0).price());
        assertEquals("{\"quantity\":1,\"price\":1000.00}",
                Json.write(new Line(1, new BigDecimal("1E+3").setScale(2))));
    }
}
