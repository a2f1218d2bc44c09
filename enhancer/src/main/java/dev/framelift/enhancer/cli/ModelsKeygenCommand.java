package dev.framelift.enhancer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.framelift.model.signing.SigningKeys;

/** {@code models keygen}: an Ed25519 key pair for signing models. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Write a new Ed25519 key pair: OUT.key (private, PKCS#8 PEM, owner-only) for --sign-key, and",
                "OUT.pub (public, PEM). Prints the line to add to the enhancers' models.trusted.keys.",
                "OpenSSL makes compatible keys: openssl genpkey -algorithm ed25519 -out OUT.key."})
final class ModelsKeygenCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "Path prefix of the two files.")
    Path out;

    @Override
    public Integer call() throws Exception {
        final Path privateFile = Path.of(out + ".key");
        final Path publicFile = Path.of(out + ".pub");
        if (Files.exists(privateFile) || Files.exists(publicFile)) {
            return ModelsCommand.fail("keygen", privateFile + " or " + publicFile + " exists; not overwriting a key",
                    ModelsCommand.BAD_ARGUMENTS);
        }
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        final KeyPair pair = SigningKeys.generate();
        SigningKeys.write(pair, privateFile, publicFile);
        System.out.println("private key: " + privateFile + " (keep it secret; --sign-key " + privateFile + ")");
        System.out.println("public key:  " + publicFile + " (key id " + SigningKeys.keyId(pair.getPublic()) + ")");
        System.out.println("trust it on the enhancers with:");
        System.out.println("  --set models.trusted.keys=" + SigningKeys.toBase64(pair.getPublic()));
        return 0;
    }
}
