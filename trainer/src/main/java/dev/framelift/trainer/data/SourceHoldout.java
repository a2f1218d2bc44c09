package dev.framelift.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole sources held out of training, read from a holdout file: one {@code source<TAB>role} per
 * line, role {@code test} (never trained on, never used to choose anything: the photos a score is
 * reported on) or {@code calibration} (never trained on; used to pick the checkpoint and to
 * calibrate, e.g. the colorizer's saturation). Blank lines and {@code #} comments are ignored.
 *
 * <p>The source of a photo is its file-name prefix before {@code --} (how
 * {@code scripts/fetch-photos.sh} names files: {@code <package>--<path>}), else the first folder
 * below the data root, else the file itself. Holding out whole sources, not single photos, keeps
 * near-duplicates (one camera, one photographer, one package's processing) out of the score.
 * Immutable.
 */
public final class SourceHoldout {
    /** What a held-out source is for. */
    public enum Role {
        TEST, CALIBRATION;

        public static Role parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "test" -> TEST;
                case "calibration" -> CALIBRATION;
                default -> throw new IllegalArgumentException("unknown role '" + s + "' (test or calibration)");
            };
        }
    }

    private final Map<String, Role> roles;

    public SourceHoldout(Map<String, Role> roles) {
        this.roles = Map.copyOf(roles);
    }

    /** Reads a holdout file; a malformed line is an {@link IllegalArgumentException} naming it. */
    public static SourceHoldout read(Path file) throws IOException {
        final Map<String, Role> roles = new LinkedHashMap<>();
        final List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final String[] f = line.split("\\s+");
            if (f.length != 2) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 'source role', got '" + line + "'");
            }
            try {
                roles.put(f[0], Role.parse(f[1]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new SourceHoldout(roles);
    }

    /** The role of the photo's source, or null when it is a training source. */
    public Role role(Path root, Path photo) {
        return roles.get(sourceOf(root, photo));
    }

    /** The held-out sources of a role, in file order. */
    public List<String> sources(Role role) {
        return roles.entrySet().stream().filter(e -> e.getValue() == role).map(Map.Entry::getKey).sorted().toList();
    }

    /** The source of a photo (see the class comment). */
    public static String sourceOf(Path root, Path photo) {
        final Path rel = root.relativize(photo);
        final String name = rel.getFileName().toString();
        final int cut = name.indexOf("--");
        if (cut > 0) {
            return name.substring(0, cut);
        }
        return rel.getNameCount() > 1 ? rel.getName(0).toString() : name;
    }
}
