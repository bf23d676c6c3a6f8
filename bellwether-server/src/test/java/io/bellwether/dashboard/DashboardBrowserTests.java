package io.bellwether.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.bellwether.testsupport.ForkedLeaderGroup;
import io.bellwether.testsupport.RequiredTool;
import io.bellwether.testsupport.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): a group of four, peer 1 (the leader) a process that is killed
 * with SIGKILL; the page served by peer 2 must show peer 1 DEAD and peer 2 as the new
 * leader, in a wide and in a narrow window. Screenshots go to {@code target/}.
 */
class DashboardBrowserTests {

	private LocalCluster cluster;

	@RegisterExtension
	final ForkedLeaderGroup group = new ForkedLeaderGroup();

	private WebDriver browser;

	@AfterEach
	void stop() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void showsAKilledLeaderDeadAndTheNewLeaderLive(@TempDir Path profile) throws Exception {
		Path chromium = RequiredTool.at("/usr/bin/chromium", "chromium");
		Path chromedriver = RequiredTool.at("/usr/bin/chromedriver", "chromium-driver");
		this.cluster = this.group.start(4);
		long term = this.cluster.leadership(2).term();

		this.browser = chrome(chromium, chromedriver, profile);
		this.browser.get("http://127.0.0.1:" + this.cluster.httpPort(2) + "/");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(attribute(By.id("connection"), "data-state")).isEqualTo("live");
			assertThat(this.browser.findElements(By.cssSelector(".peer[data-status='ALIVE']"))).hasSize(4);
			assertThat(attribute(By.id("leader"), "data-leader-id")).isEqualTo("1");
		});
		assertThat(peer(1).getAttribute("data-leader")).isEqualTo("true");
		assertThat(peer(2).getAttribute("data-self")).isEqualTo("true");
		assertThat(text(By.id("term"))).isEqualTo(String.valueOf(term));
		assertThat(text(By.id("alive"))).isEqualTo("4 of 4");
		assertThat(this.browser.getTitle()).isEqualTo("Bellwether \u00b7 peer 2");
		assertThat(severeBrowserLogs()).as("no script errors").isEmpty();

		// the page records when it showed peer 1 DEAD and peer 2 leading
		script("window.bellwetherSeen = {};" + "new MutationObserver(function () {"
				+ "  var one = document.querySelector('.peer[data-peer=\"1\"]');"
				+ "  if (!bellwetherSeen.dead && one && one.dataset.status === 'DEAD') { bellwetherSeen.dead = Date.now(); }"
				+ "  if (!bellwetherSeen.leader && document.getElementById('leader').dataset.leaderId === '2') {"
				+ "    bellwetherSeen.leader = Date.now(); }"
				+ "}).observe(document.querySelector('main'), {subtree: true, attributes: true, childList: true});");
		long killedAt = System.currentTimeMillis();
		this.group.killLeader();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			assertThat(peer(1).getAttribute("data-status")).isEqualTo("DEAD");
			assertThat(attribute(By.id("leader"), "data-leader-id")).isEqualTo("2");
		});
		Map<?, ?> seen = (Map<?, ?>) script("return window.bellwetherSeen;");
		System.out.printf("kill -9 of peer 1 -> dashboard of peer 2 shows it DEAD after %d ms, leader 2 after %d ms%n",
				((Number) seen.get("dead")).longValue() - killedAt,
				((Number) seen.get("leader")).longValue() - killedAt);

		assertThat(peer(1).findElement(By.className("status")).getText()).isEqualTo("DEAD");
		assertThat(peer(1).findElement(By.className("why")).getText()).contains("reconnect refused");
		assertThat(peer(1).getAttribute("data-leader")).isEqualTo("false");
		assertThat(peer(2).getAttribute("data-leader")).isEqualTo("true");
		assertThat(text(By.id("leader"))).isEqualTo("Peer 2");
		assertThat(Long.parseLong(text(By.id("term")))).isGreaterThan(term);
		assertThat(text(By.id("alive"))).isEqualTo("3 of 4");
		assertThat(this.browser.findElements(By.cssSelector("#timeline li"))).extracting(WebElement::getText)
			.anySatisfy((entry) -> assertThat(entry).contains("Peer 1 is DEAD", "connection lost"))
			.anySatisfy((entry) -> assertThat(entry).contains("Leader peer 1 \u2192 peer 2", "term"));
		// ages keep counting between heartbeats
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(peer(1).findElement(By.className("age")).getText()).matches("[1-9].* s ago"));
		assertThat(severeBrowserLogs()).as("no script errors").isEmpty();
		screenshot("dashboard.png", 1100);

		// a phone-sized window: one column, nothing wider than the screen
		this.browser.manage().window().setSize(new Dimension(390, 844));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat((Boolean) script(
					"return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"))
				.isTrue());
		assertThat(peer(1).getRect().getX()).isEqualTo(peer(2).getRect().getX());
		screenshot("dashboard-narrow.png", 390);

		// the peer serving the page goes away: the page says so instead of showing stale
		// data as live
		this.cluster.stop(2);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(attribute(By.id("connection"), "data-state")).isEqualTo("lost"));
		assertThat(text(By.id("connection"))).contains("Lost contact with peer 2");
	}

	@Test
	void showsPeerZeroAsLeaderAndNoLeaderAsNone(@TempDir Path profile) throws Exception {
		Path chromium = RequiredTool.at("/usr/bin/chromium", "chromium");
		Path chromedriver = RequiredTool.at("/usr/bin/chromedriver", "chromium-driver");
		this.cluster = LocalCluster.ofIds(List.of(0, 1, 2), "bellwether.election.quorum=majority").startAll();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cluster.leaders().values().stream().allMatch((id) -> id == 0));

		this.browser = chrome(chromium, chromedriver, profile);
		this.browser.get("http://127.0.0.1:" + this.cluster.httpPort(1) + "/");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(attribute(By.id("connection"), "data-state")).isEqualTo("live");
			assertThat(attribute(By.id("leader"), "data-leader-id")).isEqualTo("0");
			assertThat(peer(1).findElement(By.className("follows")).getText()).startsWith("peer 0 \u00b7 term");
		});
		assertThat(text(By.id("leader"))).isEqualTo("Peer 0");
		assertThat(attribute(By.id("leader-tile"), "class")).doesNotContain("none");
		assertThat(peer(0).getAttribute("data-leader")).isEqualTo("true");
		assertThat(peer(0).findElement(By.className("follows")).getText()).startsWith("itself \u00b7 term");
		assertThat(peer(1).getAttribute("data-leader")).isEqualTo("false");

		this.cluster.stop(0);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(attribute(By.id("leader"), "data-leader-id")).isEqualTo("1"));
		// in majority mode the hand-over passes through "none" while peer 1 waits for a
		// majority to confirm its lease
		List<String> timeline = this.browser.findElements(By.cssSelector("#timeline li"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(timeline).anySatisfy((entry) -> assertThat(entry).contains("Leader peer 0 \u2192"));
		assertThat(timeline).anySatisfy(
				(entry) -> assertThat(entry).containsPattern("Leader (peer 0|none) \u2192 peer 1").contains("term"));

		this.cluster.stop(2);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(attribute(By.id("leader"), "data-leader-id")).isEmpty());
		assertThat(text(By.id("leader"))).isEqualTo("None");
		assertThat(attribute(By.id("leader-tile"), "class")).contains("none");
		// peer 2 stops following on its way out (no support any more: the lease expires)
		// and
		// then leaves (no quorum); which reason the note shows depends on which came
		// first
		assertThat(text(By.id("leader-note"))).containsPattern("^(no quorum|lease expired)");
		assertThat(peer(1).findElement(By.className("follows")).getText()).isEqualTo("no leader");
		assertThat(this.browser.findElements(By.cssSelector("#timeline li"))).extracting(WebElement::getText)
			.anySatisfy((entry) -> assertThat(entry).contains("Leader peer 1 \u2192 none")
				.containsPattern("no quorum|lease expired"));
		assertThat(severeBrowserLogs()).as("no script errors").isEmpty();
	}

	private static WebDriver chrome(Path chromium, Path chromedriver, Path profile) {
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.withLogFile(Path.of("target", "chromedriver.log").toFile())
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1100,900",
				"--force-prefers-reduced-motion");
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		return new ChromeDriver(service, options);
	}

	private WebElement peer(int id) {
		return this.browser.findElement(By.cssSelector(".peer[data-peer='" + id + "']"));
	}

	private String attribute(By by, String name) {
		return this.browser.findElement(by).getAttribute(name);
	}

	private String text(By by) {
		return this.browser.findElement(by).getText();
	}

	private Object script(String script) {
		return ((JavascriptExecutor) this.browser).executeScript(script);
	}

	private List<String> severeBrowserLogs() {
		return this.browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	/** The whole page: the window is made as tall as the page first. */
	private void screenshot(String name, int width) throws Exception {
		long height = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
		long chrome = ((Number) script("return window.outerHeight - window.innerHeight;")).longValue();
		this.browser.manage().window().setSize(new Dimension(width, (int) (height + chrome)));
		Path shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
	}

}
