package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium on the console, driven through the system's chromedriver: both are Debian packages the README
 * lists, given by path, so Selenium never looks for (or downloads) a browser or driver of its own. Every page it is
 * asked to keep is written under {@code target/console-screenshots/}, which outlives a failed run.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Path DRIVER = Path.of(System.getProperty("impala.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("impala.chromium", "/usr/bin/chromium"));

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String gateway;
    private final String test;
    private final Path profile;

    ConsoleBrowser(String gateway, String test) {
        this(gateway, test, 1280, 1100);
    }

    /** A browser whose window is {@code width} × {@code height} pixels: what every screenshot of it shows. */
    ConsoleBrowser(String gateway, String test, int width, int height) {
        if (!Files.isExecutable(DRIVER) || !Files.isExecutable(CHROMIUM)) {
            fail("the console's browser tests need Chromium and its driver at " + CHROMIUM + " and " + DRIVER
                    + ": install Debian's packages (apt-get install chromium chromium-driver), as the README says");
        }
        this.gateway = gateway;
        this.test = test;
        try {
            profile = Files.createTempDirectory("impala-console-chromium");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                // root in CI: Chromium's sandbox needs user namespaces a container may not give
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                        "--user-data-dir=" + profile, "--no-first-run", "--lang=en");
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Opens the console and signs in on Keycloak's own login page; done when the console names the user. */
    ConsoleBrowser signIn(String username) {
        driver.get(gateway + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        keep("keycloak-login");
        return logIn(username);
    }

    /** Fills in Keycloak's login page the browser shows now; done when the console is back and names the user. */
    ConsoleBrowser logIn(String username) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(username + "-demo");
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-as"), username));
        return this;
    }

    /** Follows the menu to a page; done when the page has drawn what the API answered (main no longer busy). */
    void open(String route) {
        follow(route);
        wait.until(ExpectedConditions.attributeToBe(menuLink(route), "aria-current", "page"));
        settled();
    }

    /** Clicks a page's link in the menu, and waits for nothing: where the browser goes is the caller's to check. */
    void follow(String route) {
        wait.until(ExpectedConditions.elementToBeClickable(menuLink(route))).click();
    }

    private static By menuLink(String route) {
        return By.cssSelector("#nav a[data-route='" + route + "']");
    }

    /** Runs a script in the page ({@code return} answers a value; arguments[i] are the arguments), e.g. to read the page's timings. */
    Object script(String javaScript, Object... arguments) {
        return driver.executeScript(javaScript, arguments);
    }

    /** Makes the page's viewport exactly {@code width} × {@code height} (the window also holds the browser's own bars). */
    void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Shows the page at {@code zoom} (1 = as designed) and waits until the charts have been drawn again at that size. */
    void zoom(double zoom) {
        driver.executeScript("document.body.style.zoom = arguments[0]", Double.toString(zoom));
        driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 200)));");
    }

    /** Waits until {@code done} holds, checked again every half second (the browser's wait: 30 s at most). */
    void until(java.util.function.BooleanSupplier done) {
        wait.until(d -> done.getAsBoolean());
    }

    /** Waits until the page shown has all it asked the API for. */
    void settled() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main:not([aria-busy])")));
    }

    WebElement await(By what) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    void awaitText(By what, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(what, text));
    }

    WebElement find(By what) {
        return driver.findElement(what);
    }

    List<WebElement> findAll(By what) {
        return driver.findElements(what);
    }

    /** The address the browser shows now. */
    String address() {
        return driver.getCurrentUrl();
    }

    /** Another page by its address, as a link or a typed URL opens it. */
    void go(String hash) {
        driver.get(gateway + "/console/" + hash);
    }

    /** A table's rows as first cell → the other cells' texts, in order. */
    Map<String, List<String>> rows(WebElement table) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
            List<WebElement> cells = row.findElements(By.cssSelector("th, td"));
            rows.put(cells.get(0).getText(), cells.stream().skip(1).map(WebElement::getText).toList());
        }
        return rows;
    }

    /** Writes what the browser shows to target/console-screenshots/{test}-{name}.png. */
    Path keep(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = SCREENSHOTS.resolve(test + "-" + name + ".png");
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
            return shot;
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the screenshot " + name, e);
        }
    }

    /** The last screenshot, whatever happened, then the browser goes. */
    @Override
    public void close() {
        try {
            keep("last");
        } catch (RuntimeException e) {
            System.out.println("[console] no last screenshot: " + e);
        } finally {
            driver.quit();
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.out.println("[console] left " + profile + " behind: " + e);
            }
        }
    }
}
