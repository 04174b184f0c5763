package dev.accessconsole.it;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person's headless Chromium (Debian's chromium, driven through /usr/bin/chromedriver: nothing is downloaded), with
 * a fresh profile, so that every person starts signed out. Collects the browser console and the page's CSP violation
 * reports; {@link #shot(String)} saves a screenshot and asserts the page logged no error and no violation, and that
 * axe-core finds no WCAG 2 A/AA violation on it.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getenv().getOrDefault("CONSOLE_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CONSOLE_CHROMEDRIVER", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    /** The console's origin as Keycloak's client knows it (redirect URIs name localhost). */
    static final String CONSOLE = "http://localhost:" + Api.BASE.getPort() + "/console/";
    private static final String PROVIDER_ORIGIN = "http://localhost:18080";

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;
    private final WebDriverWait wait;
    private final List<String> problems = new ArrayList<>();

    static boolean available() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    Browser() {
        try {
            profile = Files.createTempDirectory("console-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--window-size=1280,900", "--user-data-dir=" + profile);
        downloads = profile.resolve("downloads");
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    void open(String hash) {
        driver.get(CONSOLE + hash);
    }

    /** Navigates inside the signed-in page (the token lives in the page's memory: a reload would sign out). */
    void go(String hash) {
        driver.executeScript("location.hash = arguments[0]", hash);
    }

    void devSignIn(String email, String name) {
        WebElement field = visible("#dev-email");
        field.clear();
        field.sendKeys(email);
        visible("#dev-name").sendKeys(name);
        visible("#dev-sign-in button[type=submit]").click();
        visible("#who-email");
    }

    /** Through the real Keycloak: its login form, then back to the console with the authorization code. */
    void providerSignIn(String username, String password) {
        visible("#provider-sign-in").click();
        wait.until(ExpectedConditions.urlContains("/protocol/openid-connect/auth"));
        visible("#username").sendKeys(username);
        visible("#password").sendKeys(password);
        visible("#kc-login").click();
        wait.until(ExpectedConditions.urlContains("/console/"));
        visible("#who-email");
        drainLogs(true); // what Keycloak's own pages logged is not the console's
    }

    WebElement visible(String css) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException timeout) {
            throw new AssertionError("no visible " + css + " on " + driver.getCurrentUrl() + "; the page says:\n" + pageText()
                    + "\nthe browser logged: " + driver.manage().logs().get(LogType.BROWSER).getAll(), timeout);
        }
    }

    void waitForText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** The text of a file the page downloaded, once it is complete. */
    String downloaded(String name) {
        Path file = downloads.resolve(name);
        wait.until(d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a script returns true. */
    void waitUntil(String script, Object... args) {
        wait.until(d -> Boolean.TRUE.equals(script(script, args)));
    }

    /** The row of a table in {@code css} showing {@code text}, as text or as an input's value (a JavaScript expression). */
    static String row(String css, String text) {
        return "[...document.querySelectorAll('" + css + " tbody tr')].find(r => r.textContent.includes('" + text + "')"
                + " || [...r.querySelectorAll('input')].some(i => i.value === '" + text + "'))";
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String text(String css) {
        return visible(css).getText();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String source() {
        return driver.getPageSource();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until no API call is in flight (the page's progress indicator is hidden). */
    void settled() {
        wait.until(d -> "true".equals(String.valueOf(script(
                "const p = document.getElementById('progress'); return !!p && p.hidden && document.getElementById('main').getAttribute('aria-busy') !== 'true'"))));
    }

    void phoneWidth() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    /** Saves ear/target/console-screenshots/NAME.png and asserts the page logged no error and no CSP violation. */
    void shot(String name) {
        settled();
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertClean(name);
        assertAccessible(name);
    }

    /** The browser's log of a refused call the walk provoked on purpose (Chromium logs every 4xx as an error). */
    void expectRefusal(int status) {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        List<String> refused = entries.stream().map(LogEntry::getMessage).filter(message -> message.contains("status of " + status)).toList();
        assertThat(refused).as("the refused call in the browser's log").hasSize(1);
        entries.stream().filter(entry -> !entry.getMessage().contains("status of " + status))
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .forEach(entry -> problems.add(entry.getLevel() + " " + entry.getMessage()));
    }

    void select(String css, String value) {
        script("const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'))", css, value);
    }

    /** axe-core (the WebJar, put into the page by the test, not served by the console) on WCAG 2 A and AA rules. */
    private static final String AXE;

    static {
        try (var in = Browser.class.getClassLoader().getResourceAsStream("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            AXE = new String(java.util.Objects.requireNonNull(in, "axe-core WebJar").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void assertAccessible(String page) {
        if (Boolean.FALSE.equals(script("return typeof axe !== 'undefined'"))) {
            script(AXE);
        }
        Object violations = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
                        + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
        drainLogs(true); // axe's own canvas readback warnings (its contrast rule), not the console's
        assertThat((List<?>) violations).as("accessibility (WCAG 2 A/AA) on " + page).isEmpty();
    }

    void assertClean(String page) {
        drainLogs(false);
        Object violations = script("return window.__cspViolations || []");
        assertThat((List<?>) violations).as("CSP violations on " + page).isEmpty();
        assertThat(problems).as("browser console errors on " + page).isEmpty();
    }

    private void drainLogs(boolean discard) {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            boolean provider = entry.getMessage().startsWith(PROVIDER_ORIGIN);
            if (!discard && !provider && entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
