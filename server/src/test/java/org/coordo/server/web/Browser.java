package org.coordo.server.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium driven through the system's chromedriver, both named explicitly
 * (no Selenium Manager, no driver download), with a fresh profile in a temp dir.
 */
final class Browser {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Browser() {}

  /**
   * Whether the browser tests can run. On a developer's machine without Debian's chromium they are
   * skipped; under CI (where .ci/run installs them) a missing browser is a failure, never a skip.
   */
  static boolean available() {
    boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (!present && System.getenv("CI") != null) {
      throw new IllegalStateException("CI is set but " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing: .ci/run must install chromium and chromium-driver");
    }
    return present;
  }

  static ChromeDriver start(Path profile) {
    return start(profile, "fr-FR");
  }

  /** A browser whose language (its {@code Accept-Language}) is {@code lang}, e.g. {@code en-GB}. */
  static ChromeDriver start(Path profile, String lang) {
    ChromeOptions options = new ChromeOptions();
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", lang));
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000", "--lang=" + lang);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Saves a PNG of the current page under {@code target-…/screenshots/}. */
  static Path screenshot(ChromeDriver driver, Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Path out = dir.resolve(name + ".png");
      Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
