package stages;

import constructs.FunctionCode;
import contract.Family;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The code a function of a family runs, as lambda-src built it: the family's jar, then its runtime layer's jars
 * (the layer zip's {@code java/lib}, unpacked once per JVM into a temporary directory), in the order Lambda's Java
 * runtime puts them on the class path.
 */
final class DeployedCode {

    private static final Path FUNCTIONS = Path.of(PipelineFleet.FUNCTIONS);
    private static final Map<Family.Layer, List<Path>> LAYERS = new EnumMap<>(Family.Layer.class);

    private DeployedCode() {
    }

    /** The jars of {@code layer}, unpacked from its zip. */
    static synchronized List<Path> layerJars(Family.Layer layer) {
        return LAYERS.computeIfAbsent(layer, DeployedCode::unpack);
    }

    /** The family's jar and its layer's jars, in class path order. */
    static List<Path> classPath(Family family) {
        var path = new ArrayList<Path>();
        path.add(FunctionCode.jar(FUNCTIONS, family));
        path.addAll(layerJars(family.layer()));
        return path;
    }

    /** A class loader over {@link #classPath(Family)} on {@code parent} (null: the bootstrap loader). */
    static URLClassLoader loader(Family family, ClassLoader parent) {
        var urls = classPath(family).stream().map(DeployedCode::url).toArray(URL[]::new);
        return new URLClassLoader(urls, parent);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(path.toString(), e);
        }
    }

    private static List<Path> unpack(Family.Layer layer) {
        try {
            Path into = Files.createTempDirectory("layer-" + layer.module());
            into.toFile().deleteOnExit();
            var jars = new ArrayList<Path>();
            try (var zip = new ZipInputStream(Files.newInputStream(FunctionCode.layer(FUNCTIONS, layer)))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    if (!entry.isDirectory() && entry.getName().startsWith("java/lib/")
                            && entry.getName().endsWith(".jar")) {
                        Path to = into.resolve(Path.of(entry.getName()).getFileName().toString());
                        Files.copy(zip, to);
                        to.toFile().deleteOnExit();
                        jars.add(to);
                    }
                }
            }
            jars.sort(null);
            return List.copyOf(jars);
        } catch (IOException e) {
            throw new UncheckedIOException("unpacking " + FunctionCode.layer(FUNCTIONS, layer), e);
        }
    }
}
