package dev.framelift.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Reads and writes {@code card.json}, the {@link ModelCard} that sits beside every exported
 * SavedModel, in Avro's JSON encoding (so a card is valid against {@code ModelCard.avsc}).
 */
public final class ModelCardJson {
    /** File name of the card inside a model directory. */
    public static final String FILE_NAME = "card.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelCardJson() {
    }

    public static String toJson(ModelCard card) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final JsonEncoder encoder = EncoderFactory.get().jsonEncoder(ModelCard.getClassSchema(), out, true);
            new SpecificDatumWriter<>(ModelCard.class).write(card, encoder);
            encoder.flush();
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode model card", e);
        }
    }

    /**
     * Parses a card. Fields that the card lacks but the schema gives a default (fields added
     * after the card was written, such as {@code flavour}) take that default, as Avro's schema
     * resolution would for binary records; Avro's own JSON decoder would reject the card.
     */
    public static ModelCard fromJson(String json) throws IOException {
        final JsonNode tree = MAPPER.readTree(json);
        if (tree instanceof ObjectNode object) {
            for (Schema.Field f : ModelCard.getClassSchema().getFields()) {
                if (!object.has(f.name()) && f.hasDefaultValue()) {
                    final Object value = f.defaultVal();
                    object.set(f.name(), value == JsonProperties.NULL_VALUE ? NullNode.getInstance() : MAPPER.valueToTree(value));
                }
            }
            json = MAPPER.writeValueAsString(object);
        }
        return new SpecificDatumReader<>(ModelCard.class)
                .read(null, DecoderFactory.get().jsonDecoder(ModelCard.getClassSchema(), json));
    }

    public static void write(ModelCard card, Path modelDir) throws IOException {
        Files.writeString(modelDir.resolve(FILE_NAME), toJson(card) + "\n");
    }

    /** @throws IOException if the card is missing or not a valid ModelCard */
    public static ModelCard read(Path modelDir) throws IOException {
        final Path file = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + FILE_NAME + " in " + modelDir);
        }
        try {
            return fromJson(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException("invalid " + file + ": " + e.getMessage(), e);
        }
    }
}
