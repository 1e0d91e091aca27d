package fr.vigie.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shared test vectors ({@code ../shared/data}), located through the build. */
public final class SharedData {
  private SharedData() {}

  public static Path path(String relative) {
    String shared = System.getProperty("vigie.shared");
    Path root = shared != null ? Path.of(shared) : Path.of("..", "..", "shared");
    Path file = root.resolve("data").resolve(relative);
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "missing shared test data " + file.toAbsolutePath() + ": is ../shared beside the repo?");
    }
    return file;
  }
}
