package io.tocsin.routing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver, for the console and status page tests. Without them
 * (apt-get install chromium chromium-driver; .ci/run installs them) a browser test is skipped, saying so.
 * With {@code -Dtocsin.screenshots=<folder>} the tests save what they see there (docs/screenshots in the repository).
 * A test registers it ({@code @RegisterExtension final Browser browser = new Browser();}): each test method gets a
 * fresh browser, closed after it.
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Long enough for a page that polls every few seconds to catch up on a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ChromeDriver driver;

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser test skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toString())
                // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,860");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public void get(String url) {
        driver.get(url);
    }

    /** Waits until the condition holds (pages update by themselves), failing after half a minute. */
    public <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, PATIENCE).until(condition);
    }

    /** The text of the first element matching {@code css}. */
    public String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Saves what the browser shows as {@code <name>.png} when screenshots were asked for. */
    public void screenshot(String name) {
        String folder = System.getProperty("tocsin.screenshots");
        if (folder == null || folder.isBlank()) {
            return;
        }
        try {
            Path target = Files.createDirectories(Path.of(folder)).resolve(name + ".png");
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }
}
