package dev.framelift.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.AvroTypeException;
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
    /** Retired card schemas, newest first: cards written with them still read. */
    private static final List<Schema> HISTORY = history("ModelCard-v1.avsc");

    private ModelCardJson() {
    }

    public static String toJson(ModelCard card) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(ModelCard.getClassSchema(), out, true);
            new SpecificDatumWriter<>(ModelCard.class).write(card, encoder);
            encoder.flush();
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode model card", e);
        }
    }

    /**
     * Reads a card written with the current schema or an earlier one (Avro's JSON decoding does
     * not fill in defaults by itself, so each retired card schema is tried as the writer's).
     */
    public static ModelCard fromJson(String json) throws IOException {
        try {
            return new SpecificDatumReader<>(ModelCard.class)
                    .read(null, DecoderFactory.get().jsonDecoder(ModelCard.getClassSchema(), json));
        } catch (AvroTypeException current) {
            for (Schema writer : HISTORY) {
                try {
                    return new SpecificDatumReader<ModelCard>(writer, ModelCard.getClassSchema())
                            .read(null, DecoderFactory.get().jsonDecoder(writer, json));
                } catch (AvroTypeException older) {
                    current.addSuppressed(older);
                }
            }
            throw current;
        }
    }

    private static List<Schema> history(String... names) {
        List<Schema> schemas = new ArrayList<>();
        for (String name : names) {
            try (InputStream in = ModelCardJson.class.getResourceAsStream("/schema-history/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing schema-history/" + name + " on the classpath");
                }
                schemas.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(schemas);
    }

    public static void write(ModelCard card, Path modelDir) throws IOException {
        Files.writeString(modelDir.resolve(FILE_NAME), toJson(card) + "\n");
    }

    /** @throws IOException if the card is missing or not a valid ModelCard */
    public static ModelCard read(Path modelDir) throws IOException {
        Path file = modelDir.resolve(FILE_NAME);
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
