package fr.vigie.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, driven by its chromedriver: one browser of the console's tests. A
 * machine without them fails the test with what to install (CI installs them).
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where the screenshots of each role's main page go, shown in docs/console.md. */
  static final Path SCREENSHOTS =
      Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("console");

  private static final List<String> BLOCKING = List.of("serious", "critical");

  public final ChromeDriver driver;
  private final String base;
  private final Path profile = temporaryProfile();

  public Browser(String base) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError(
          "the console's browser tests need Debian's Chromium and its driver at "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": apt-get install chromium chromium-driver (.ci/run does)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=fr-FR",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    this.base = base;
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Clicks what {@code css} names, found afresh when a live part of the page replaced it. */
  public void click(String css) {
    retryingStale(
        () -> {
          find(css).click();
          return null;
        });
  }

  /** The text of what {@code css} names, found afresh when a live part replaced it. */
  public String text(String css) {
    return retryingStale(() -> find(css).getText());
  }

  private static <T> T retryingStale(Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (StaleElementReferenceException replaced) {
        if (attempt == 5) {
          throw replaced;
        }
      }
    }
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  /**
   * Submits a form and waits for the page that answers it: a click returns once the browser has
   * sent the form, not once the next page is there, and a test that reads the page or opens another
   * at once would race it.
   */
  public void submit(String formCss) {
    // The old page is marked; the answering page is a new window object, without the mark. (Waiting
    // for the old element to go stale is not enough: Chromium may answer that its node "does not
    // belong to the document" instead of calling it stale.)
    JavascriptExecutor script = (JavascriptExecutor) driver;
    script.executeScript("window.vigieSubmitted = true");
    find(formCss + " button[type=submit]").click();
    new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(20))
        .ignoring(WebDriverException.class)
        .until(
            d ->
                Boolean.TRUE.equals(
                    script.executeScript(
                        "return window.vigieSubmitted === undefined"
                            + " && document.readyState === 'complete'")));
  }

  /** Waits up to {@code bound} for an element, polling the DOM; fails if none appears. */
  public WebElement await(String css, Duration bound) {
    return new WebDriverWait(driver, bound, Duration.ofMillis(50))
        .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
  }

  /** Scrolls the page to what {@code css} names, for a screenshot of that part. */
  public void scrollTo(String css) {
    driver.executeScript("arguments[0].scrollIntoView();", find(css));
  }

  /** What the page's own fetch of a link got: status, media type, disposition and bytes. */
  public record Fetched(long status, String type, String disposition, byte[] body) {}

  /**
   * Fetches {@code href} from the page, with its session, as a click on a download link would, and
   * returns what came back (a download is not shown in a headless browser's window).
   */
  public Fetched fetch(String href) {
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> answer =
        (java.util.Map<String, Object>)
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer()"
                    + ".then(b => { const bytes = new Uint8Array(b); let text = '';"
                    + " for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);"
                    + " done({status: r.status, type: r.headers.get('content-type'),"
                    + " disposition: r.headers.get('content-disposition'), body: btoa(text)}); }))"
                    + ".catch(e => done({status: -1, type: String(e), disposition: null, body: ''}));",
                href);
    return new Fetched(
        ((Number) answer.get("status")).longValue(),
        (String) answer.get("type"),
        (String) answer.get("disposition"),
        java.util.Base64.getDecoder().decode((String) answer.get("body")));
  }

  /** axe-core on the page as it stands: no serious or critical violation of WCAG 2.1 A and AA. */
  public void assertAccessible() {
    Results results =
        new AxeBuilder()
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
            .analyze(driver);
    List<String> blocking =
        results.getViolations().stream()
            .filter(rule -> BLOCKING.contains(rule.getImpact()))
            .map(Browser::describe)
            .toList();
    assertThat(blocking).as("axe-core on %s", path()).isEmpty();
  }

  /** A screenshot of the page, for docs/console.md. */
  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Rule rule) {
    return rule.getId()
        + " ("
        + rule.getImpact()
        + "): "
        + rule.getHelp()
        + " at "
        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
  }

  private static Path temporaryProfile() {
    try {
      return Files.createTempDirectory("vigie-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try {
        FileSystemUtils.deleteRecursively(profile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
