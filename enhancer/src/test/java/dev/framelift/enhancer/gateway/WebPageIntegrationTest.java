package dev.framelift.enhancer.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.framelift.enhancer.demo.SampleFootage;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.SampleFeeder;

/**
 * The web page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), against a real enhancer on a real broker fed like two cameras:
 * the live view updates, the charts move, and an image dropped on the drop zone comes back
 * enhanced with a download link (a colorized one with a colour strength slider). Screenshots go to {@code target/screenshots/}. Skipped, saying
 * so, where Chromium is not installed ({@code .ci/run} installs it).
 */
class WebPageIntegrationTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("FRAMELIFT_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("FRAMELIFT_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path work;
    static EnhancerHarness harness;
    static SampleFeeder feeder;
    static WebDriver browser;
    static String page;

    /** Without Chromium nothing starts, and each test reports itself skipped (not absent from the count). */
    @BeforeAll
    static void start() throws Exception {
        if (!chromiumHere()) {
            return;
        }
        harness = EnhancerHarness.startBroker(work);
        int port = harness.startEnhancer(Map.of()).httpPort().orElseThrow();
        page = "http://127.0.0.1:" + port + "/";
        feeder = SampleFeeder.start(harness.bootstrapServers(), 250, 2000);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1500,1500",
                "--user-data-dir=" + Files.createTempDirectory(work, "chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(work.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @BeforeEach
    void needChromium() {
        Assumptions.assumeTrue(chromiumHere(),
                "no Chromium here (" + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver, "
                        + "or set FRAMELIFT_CHROMIUM and FRAMELIFT_CHROMEDRIVER");
    }

    private static boolean chromiumHere() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (feeder != null) {
            feeder.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void shouldShowLiveFramesMovingChartsAndEnhanceADroppedImage() throws Exception {
        browser.get(page);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));

        String first = wait.until(b -> sequenceShown());
        String later = wait.until(b -> {
            String now = sequenceShown();
            return now != null && !now.equals(first) ? now : null;
        });
        assertThat(Long.parseLong(later)).as("the live view moves on to newer frames").isGreaterThan(Long.parseLong(first));
        wait.until(b -> browser.findElements(By.cssSelector(".tile")).size() >= 2);
        assertThat(browser.findElement(By.cssSelector(".tile[data-stream='" + SampleFeeder.CAMERA + "'] .badge")).getText())
                .isEqualToIgnoringCase("live");
        Number points = wait.until(b -> {
            Number n = (Number) js("return state.history.filter(p => Object.values(p.out).some(v => v > 0)).length;");
            return n.intValue() >= 3 ? n : null;
        });
        assertThat(points.intValue()).as("throughput points drawn").isGreaterThanOrEqualTo(3);
        wait.until(b -> browser.findElements(By.cssSelector("#models tr")).size() == 3);

        browser.findElement(By.cssSelector("input[name=task][value=sr-x4]")).click();
        BufferedImage upload = SampleFootage.clipFrame(5).getSubimage(200, 120, 160, 120);
        dropFile("street.png", SampleFootage.encode(upload, "png"));
        WebElement result = browser.findElement(By.id("result-after"));
        wait.until(b -> ((Number) js("return arguments[0].naturalWidth;", result)).intValue() > 0);
        assertThat(((Number) js("return arguments[0].naturalWidth;", result)).intValue()).isEqualTo(640);
        assertThat(((Number) js("return arguments[0].naturalHeight;", result)).intValue()).isEqualTo(480);
        WebElement download = browser.findElement(By.id("result-download"));
        assertThat(download.getAttribute("href")).startsWith("blob:");
        assertThat(download.getAttribute("download")).isEqualTo("street-sr-x4.png");
        assertThat(browser.findElement(By.id("upload-status")).getText()).startsWith("done in");

        screenshot("web-page.png");
    }

    @Test
    void shouldMuteAColorizedResultWithTheColourStrengthSliderDownToGray() throws Exception {
        browser.get(page);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(b -> browser.findElements(By.cssSelector("#models tr")).size() == 3);
        browser.findElement(By.cssSelector("input[name=task][value=colorize]")).click();
        BufferedImage frame = SampleFootage.clipFrame(5).getSubimage(200, 120, 160, 120);
        BufferedImage gray = new BufferedImage(160, 120, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(frame, 0, 0, null);
        dropFile("archive.png", SampleFootage.encode(gray, "png"));
        WebElement result = browser.findElement(By.id("result-after"));
        wait.until(b -> ((Number) js("return arguments[0].naturalWidth;", result)).intValue() > 0
                && browser.findElement(By.id("strength-row")).isDisplayed());
        String calibrated = result.getAttribute("src");
        // the test colorizer tints by 8 levels: red up, blue down
        assertThat(channelSpread(result)).as("the colorized result as the model made it").isGreaterThanOrEqualTo(8);

        slide(0.5);
        wait.until(b -> !calibrated.equals(result.getAttribute("src")) && imageLoaded(result));
        assertThat(channelSpread(result)).as("half the colour").isBetween(3, 12);
        assertThat(browser.findElement(By.id("strength-value")).getText()).isEqualTo("0.50");

        slide(0);
        wait.until(b -> imageLoaded(result) && channelSpread(result) == 0);
        assertThat(browser.findElement(By.id("result-download")).getAttribute("download"))
                .isEqualTo("archive-colorize-strength-0.00.png");
        screenshot("web-page-colour-strength.png");

        slide(1);
        wait.until(b -> calibrated.equals(result.getAttribute("src")));
        assertThat(browser.findElement(By.id("result-download")).getAttribute("download")).isEqualTo("archive-colorize.png");

        browser.findElement(By.cssSelector("input[name=task][value=sr-x2]")).click();
        dropFile("street.png", SampleFootage.encode(frame, "png"));
        wait.until(b -> !calibrated.equals(result.getAttribute("src")) && imageLoaded(result));
        assertThat(browser.findElement(By.id("strength-row")).isDisplayed()).as("no colour strength for sr-x2").isFalse();
    }

    @Test
    void shouldExplainWhyADroppedFileWasNotEnhanced() throws Exception {
        browser.get(page);
        dropFile("notes.txt", "not an image".getBytes());
        WebElement status = new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
            WebElement s = browser.findElement(By.id("upload-status"));
            return s.getText().startsWith("not enhanced") ? s : null;
        });
        assertThat(status.getText()).contains("PNG or JPEG");
        screenshot("web-page-rejected-upload.png");
    }

    /** Moves the colour strength slider as a user would: a new value, then an input event. */
    private void slide(double value) {
        js("const slider = document.getElementById('strength'); slider.value = arguments[0];"
                + "slider.dispatchEvent(new Event('input', {bubbles: true}));", String.valueOf(value));
    }

    private boolean imageLoaded(WebElement image) {
        return Boolean.TRUE.equals(js("return arguments[0].complete && arguments[0].naturalWidth > 0;", image));
    }

    /** The largest difference between two channels of one pixel of {@code image}, as the page shows it. */
    private int channelSpread(WebElement image) {
        return ((Number) js("const img = arguments[0]; const c = document.createElement('canvas');"
                + "c.width = img.naturalWidth; c.height = img.naturalHeight; const ctx = c.getContext('2d');"
                + "ctx.drawImage(img, 0, 0); const d = ctx.getImageData(0, 0, c.width, c.height).data; let most = 0;"
                + "for (let i = 0; i < d.length; i += 4) most = Math.max(most, Math.abs(d[i] - d[i + 1]),"
                + " Math.abs(d[i + 1] - d[i + 2]), Math.abs(d[i] - d[i + 2]));"
                + "return most;", image)).intValue();
    }

    private String sequenceShown() {
        return browser.findElement(By.id("viewer-after")).getAttribute("data-sequence");
    }

    /** A real drop event on the drop zone, carrying a File made of {@code bytes}. */
    private void dropFile(String name, byte[] bytes) {
        js("const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
                + "const type = arguments[1].endsWith('.png') ? 'image/png' : 'text/plain';"
                + "const transfer = new DataTransfer();"
                + "transfer.items.add(new File([bytes], arguments[1], {type}));"
                + "const zone = document.getElementById('dropzone');"
                + "zone.dispatchEvent(new DragEvent('dragenter', {dataTransfer: transfer, bubbles: true, cancelable: true}));"
                + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));",
                Base64.getEncoder().encodeToString(bytes), name);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
