package app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads the catalog from a JSON file: the offline copy of TenantStackMapping plus fleet settings. */
public final class JsonFileCatalogSource implements CatalogSource {

    // Duplicate keys would otherwise silently keep the last value; trailing tokens would be ignored.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path path;

    public JsonFileCatalogSource(Path path) {
        this.path = Objects.requireNonNull(path, "JsonFileCatalogSource: path is required");
    }

    @Override
    public FleetCatalog load() {
        JsonNode root = parse(read());
        List<String> problems = new ArrayList<>();
        return CatalogValidator.validate(root, problems)
                .orElseThrow(() -> new CatalogException(describe(), problems));
    }

    @Override
    public String describe() {
        return "file " + path.toAbsolutePath().normalize();
    }

    private String read() {
        String text;
        try {
            if (Files.isDirectory(path)) {
                throw fail(path + " is a directory, not a catalog file", null);
            }
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw fail("catalog file " + path + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw fail("catalog file " + path + " cannot be read: permission denied", e);
        } catch (CharacterCodingException e) {
            throw fail("catalog file " + path + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw fail("catalog file " + path + " cannot be read: " + e, e);
        }
        // Some editors on Windows prepend a byte order mark, which Jackson rejects when reading a String.
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw fail("catalog file " + path + " is empty" + (text.isEmpty() ? "" : " (only whitespace)"), null);
        }
        return text;
    }

    private JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String why = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ").trim();
            throw fail("malformed JSON" + where + ": " + why, e);
        }
    }

    private CatalogException fail(String problem, Throwable cause) {
        return new CatalogException(describe(), List.of(problem), cause);
    }
}
