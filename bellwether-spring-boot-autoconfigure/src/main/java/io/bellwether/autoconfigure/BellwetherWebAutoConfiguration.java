package io.bellwether.autoconfigure;

import io.bellwether.events.EventsConfiguration;
import io.bellwether.web.WebConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Import;

/**
 * {@code GET /leader}, {@code GET /peers}, {@code GET /events} and the dashboard at
 * {@code /}, in a servlet web application that sets {@code bellwether.web.enabled=true}
 * (the standalone peer does; an application embedding Bellwether gets none of them by
 * default, so that nothing appears on its own URL space unasked).
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "bellwether.web.enabled")
@ConditionalOnWebApplication(type = Type.SERVLET)
@Import({ WebConfiguration.class, EventsConfiguration.class })
public class BellwetherWebAutoConfiguration {

}
