package io.bellwether.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /} (and {@code /index.html}), {@code /dashboard.css}, {@code /dashboard.js}:
 * the dashboard, served from this jar's {@code io/bellwether/web/dashboard/} rather than
 * from {@code static/}, so that an application embedding Bellwether keeps its own welcome
 * page unless it switches the web endpoints on.
 */
@RestController
class DashboardController {

	private static final String BASE = "io/bellwether/web/dashboard/";

	@GetMapping({ "/", "/index.html" })
	ResponseEntity<Resource> index() {
		return serve("index.html", MediaType.TEXT_HTML);
	}

	@GetMapping("/dashboard.css")
	ResponseEntity<Resource> css() {
		return serve("dashboard.css", MediaType.valueOf("text/css"));
	}

	@GetMapping("/dashboard.js")
	ResponseEntity<Resource> js() {
		return serve("dashboard.js", MediaType.valueOf("text/javascript"));
	}

	private static ResponseEntity<Resource> serve(String name, MediaType type) {
		return ResponseEntity.ok().contentType(type).body(new ClassPathResource(BASE + name));
	}

}
