package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, as a person's browser: e2e/browser installs the
 * browser and its driver when they are missing, and the test fails saying what is missing where
 * they cannot be installed.
 */
final class Browser {
  private Browser() {}

  static ChromeDriver start() {
    List<String> paths = installed();
    ChromeOptions options = new ChromeOptions()
        .setBinary(paths.get(0))
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(paths.get(1)).toFile())
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  /** The browser's path and its driver's, from e2e/browser. */
  private static List<String> installed() {
    try {
      Process script = new ProcessBuilder(E2e.repoRoot().resolve("e2e/browser").toString()).start();
      String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!script.waitFor(10, TimeUnit.MINUTES) || script.exitValue() != 0) {
        return fail("no headless browser to look at the HTML report: " + err.strip());
      }
      return out.lines().toList();
    } catch (IOException e) {
      return fail("cannot run e2e/browser: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while installing the browser");
    }
  }

  /** Makes the window as tall as the page, so that a screenshot shows all of it. */
  static void wholePage(ChromeDriver browser) {
    Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, height.intValue() + 40));
  }

  /** Where screenshots go: beside the test reports, so that they are kept with the test output. */
  static Path screenshots() throws IOException {
    return Files.createDirectories(E2e.repoRoot().resolve("e2e/target/screenshots"));
  }
}
