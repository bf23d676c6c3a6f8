package io.bellwether.dispatch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission of {@code @LeaderOnly} calls, without Spring and without sleeping.
 */
class LeaderOnlyGateTests {

	private final AtomicBoolean leader = new AtomicBoolean(true);

	private final LeaderOnlyGate gate = new LeaderOnlyGate(this.leader::get);

	@Test
	void admitsNothingBeforeItOpens() {
		assertThat(this.gate.tryEnter()).isFalse();
	}

	@Test
	void admitsOnlyWhileThisPeerLeads() {
		this.gate.open();
		assertThat(this.gate.tryEnter()).isTrue();
		this.gate.exit();
		this.leader.set(false);
		assertThat(this.gate.tryEnter()).isFalse();
		this.leader.set(true);
		assertThat(this.gate.tryEnter()).isTrue();
		assertThat(this.gate.running()).isEqualTo(1);
	}

	@Test
	void closingAdmitsNoMoreAndReportsRunningCalls() {
		this.gate.open();
		assertThat(this.gate.tryEnter()).isTrue();
		assertThat(this.gate.closeAndAwait(Duration.ZERO)).as("one call still running").isFalse();
		assertThat(this.gate.tryEnter()).isFalse();
		this.gate.exit();
		assertThat(this.gate.closeAndAwait(Duration.ZERO)).isTrue();
	}

	@Test
	void closingWaitsForTheRunningCall() throws Exception {
		this.gate.open();
		assertThat(this.gate.tryEnter()).isTrue();
		Thread caller = new Thread(this.gate::exit);
		caller.start();
		assertThat(this.gate.closeAndAwait(Duration.ofSeconds(30))).isTrue();
		caller.join();
		assertThat(this.gate.running()).isZero();
	}

}
