package dev.framelift.enhancer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.inference.ShadowStats;
import dev.framelift.enhancer.models.ShadowReadings;
import dev.framelift.model.Scope;
import dev.framelift.model.topic.ModelLog;
import dev.framelift.model.topic.ModelRecord;
import dev.framelift.model.topic.ModelTimeline;
import dev.framelift.model.topic.ScopeState;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;

/** {@code models list}: what serves each scope, from the topic and the shipped folder. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Show, per scope, the active model (version, when and by whom it was published, sha256, signer,",
                "the publish gate's note), the versions a roll back can reach, a shadow candidate with its latency and",
                "self-consistency beside the active model's (from the newest frames.shadow records), the shipped models",
                "(--models) that serve tasks the topic has no model for, and records the enhancers refuse. With",
                "models.trusted.keys set (--set or FRAMELIFT_MODELS_TRUSTED_KEYS) records are judged as enhancers judge them."})
final class ModelsListCommand implements Callable<Integer> {
    @Option(names = "--shadow-records", defaultValue = "500", paramLabel = "N",
            description = "Read the newest N records of each frames.shadow partition (default: ${DEFAULT-VALUE}).")
    int shadowRecords;

    @Mixin
    ModelsCommand.Connection connection;

    @Override
    public Integer call() {
        try {
            final EnhancerConfig config = connection.config();
            final ModelTimeline timeline = ModelLog.snapshot(config.clientSettings(), config.messageMaxBytes(),
                    ModelsCommand.Connection.view(config), Duration.ofSeconds(60));
            final Map<String, ShadowStats.Snapshot> shadows = ShadowReadings.read(config.clientSettings(),
                    config.messageMaxBytes(), shadowRecords);
            print(timeline, shadows, shipped(Path.of(config.getString(EnhancerConfig.MODELS_DIR))),
                    config.getList(EnhancerConfig.MODELS_TRUSTED_KEYS).isEmpty());
            return 0;
        } catch (IllegalArgumentException e) {
            return ModelsCommand.fail("list", e.getMessage(), ModelsCommand.BAD_ARGUMENTS);
        } catch (Exception e) {
            return ModelsCommand.fail("list", e.getMessage(), ModelsCommand.FAILED);
        }
    }

    private static void print(ModelTimeline timeline, Map<String, ShadowStats.Snapshot> shadows,
            Map<String, ModelCard> shipped, boolean unchecked) {
        if (timeline.scopes().isEmpty() && shipped.isEmpty()) {
            System.out.println("no models: nothing on the models topic and no shipped models");
        }
        for (Map.Entry<String, ModelCard> e : shipped.entrySet()) {
            final boolean covered = timeline.scope(Scope.of(e.getKey())).flatMap(ScopeState::active).isPresent();
            System.out.printf(Locale.ROOT, "%-22s %-40s shipped default (local files)%s%n", e.getKey(),
                    e.getValue().getVersion(), covered ? ", overridden by the topic" : ", serves the task");
        }
        for (ScopeState state : timeline.scopes().values()) {
            final String scope = state.scope().toString();
            if (state.active().isPresent()) {
                System.out.printf(Locale.ROOT, "%-22s %-40s %s%n", scope, version(state.active().get()),
                        describe(state.active().get()));
                System.out.println("    " + state.active().get().update().getNote());
            } else {
                System.out.printf(Locale.ROOT, "%-22s %-40s %s%n", scope, "-", state.scope().isTask()
                        ? "no published model: the shipped default serves" : "no own model: served by " + state.scope().task());
            }
            final String reachable = String.join(", ", state.history().stream().map(ModelsListCommand::version).distinct()
                    .filter(v -> state.active().map(a -> !version(a).equals(v)).orElse(true)).toList());
            if (!reachable.isEmpty()) {
                System.out.println("    earlier versions on the topic (models activate): " + reachable);
            }
            state.shadow().ifPresent(s -> {
                System.out.printf(Locale.ROOT, "    shadow %s on %.0f%% of the frames, %s%n", version(s),
                        100 * s.update().getShadowFraction(), describe(s));
                final ShadowStats.Snapshot m = shadows.get(scope + " " + version(s));
                System.out.println("      " + (m == null ? "no frames.shadow records yet" : String.format(Locale.ROOT,
                        "over %d frames: candidate %.1f ms/frame, self-consistency %.2f dB | active %.1f ms/frame, %.2f dB",
                        m.frames(), m.candidateMs(), m.candidateDb(), m.activeMs(), m.activeDb())));
            });
        }
        for (ModelTimeline.Refused r : timeline.refusals()) {
            System.out.println("refused: " + r.record().describe() + " for key " + r.record().key() + ": " + r.why());
        }
        if (unchecked) {
            System.out.println("(signatures not checked: set models.trusted.keys to see the topic as enhancers do)");
        }
    }

    private static String version(ModelRecord record) {
        return record.update().getCard().getVersion();
    }

    private static String describe(ModelRecord record) {
        final var u = record.update();
        final String sha = u.getCard().getSha256();
        return String.format(Locale.ROOT, "%s %s, offset %d, sha256 %s, %s%s", u.getAction(), u.getPublishedTime(),
                record.offset(), sha.length() > 12 ? sha.substring(0, 12) : sha,
                u.getSignerKeyId() == null ? "unsigned" : "signed by " + u.getSignerKeyId(),
                u.getPublisher().isEmpty() ? "" : ", by " + u.getPublisher());
    }

    /** The newest shipped model per task in {@code dir} (as the enhancer picks them); empty if none. */
    private static Map<String, ModelCard> shipped(Path dir) {
        final Map<String, ModelCard> byTask = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return byTask;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                if (Files.isRegularFile(child.resolve(ModelCardJson.FILE_NAME))) {
                    final ModelCard card = ModelCardJson.read(child);
                    byTask.merge(card.getTask(), card, (a, b) -> b.getCreatedTime().isAfter(a.getCreatedTime()) ? b : a);
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("models list: cannot read the shipped models in " + dir + ": " + e.getMessage());
        }
        return byTask;
    }
}
