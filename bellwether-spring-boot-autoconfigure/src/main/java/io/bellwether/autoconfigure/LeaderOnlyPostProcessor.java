package io.bellwether.autoconfigure;

import java.lang.reflect.Method;

import io.bellwether.LeaderOnly;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.util.ReflectionUtils;

/**
 * Proxies every bean with a {@link LeaderOnly} method so that the method runs only on the
 * leader. Such a method must return {@code void}: a skipped call has nothing to return.
 */
final class LeaderOnlyPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	LeaderOnlyPostProcessor(LeaderOnlyInterceptor interceptor) {
		this.advisor = new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(LeaderOnly.class),
				interceptor);
		setProxyTargetClass(true);
		setBeforeExistingAdvisors(true);
	}

	@Override
	protected boolean isEligible(Class<?> targetClass) {
		boolean eligible = super.isEligible(targetClass);
		if (eligible) {
			ReflectionUtils.doWithMethods(targetClass, LeaderOnlyPostProcessor::requireVoid,
					(method) -> method.isAnnotationPresent(LeaderOnly.class));
		}
		return eligible;
	}

	private static void requireVoid(Method method) {
		if (method.getReturnType() != void.class) {
			throw new IllegalStateException("@LeaderOnly method " + method.getDeclaringClass().getName() + "."
					+ method.getName() + " must return void: on a peer that does not lead the call is skipped");
		}
	}

}
