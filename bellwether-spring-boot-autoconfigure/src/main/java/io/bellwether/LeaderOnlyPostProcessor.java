package io.bellwether;

import java.util.function.Supplier;

import io.bellwether.dispatch.LeaderOnlyGate;
import lombok.extern.slf4j.Slf4j;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.Ordered;

/**
 * Proxies every bean that has {@link LeaderOnly @LeaderOnly} methods (plain Spring AOP: a
 * class-based proxy, no AspectJ weaving, no annotation processor). Ordered before
 * {@code @Scheduled} processing, so scheduled jobs are called through the proxy.
 */
final class LeaderOnlyPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	LeaderOnlyPostProcessor(Supplier<LeaderOnlyGate> gate) {
		this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(null, LeaderOnly.class, true),
				new Interceptor(gate));
		setBeforeExistingAdvisors(true);
		setProxyTargetClass(true);
		setOrder(Ordered.LOWEST_PRECEDENCE - 100);
	}

	/**
	 * Runs the body only if the gate admits the call (this peer leads now and is not
	 * shutting down); otherwise returns {@code null} at once.
	 */
	@Slf4j
	static final class Interceptor implements MethodInterceptor {

		private final Supplier<LeaderOnlyGate> gate;

		private volatile LeaderOnlyGate resolved;

		Interceptor(Supplier<LeaderOnlyGate> gate) {
			this.gate = gate;
		}

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			LeaderOnlyGate admission = gate();
			if (!admission.tryEnter()) {
				if (invocation.getMethod().getReturnType().isPrimitive()
						&& invocation.getMethod().getReturnType() != void.class) {
					throw new IllegalStateException("@LeaderOnly method " + invocation.getMethod()
							+ " was skipped (this peer is not the leader) and cannot return a primitive");
				}
				log.trace("skipped {}: this peer is not the leader", invocation.getMethod().getName());
				return null;
			}
			try {
				return invocation.proceed();
			}
			finally {
				admission.exit();
			}
		}

		private LeaderOnlyGate gate() {
			LeaderOnlyGate admission = this.resolved;
			if (admission == null) {
				admission = this.gate.get();
				this.resolved = admission;
			}
			return admission;
		}

	}

}
