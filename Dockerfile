# Bellwether peer image. Build: `docker build -t bellwether:local .` (BuildKit; the default in
# `docker compose build` and `docker buildx build`). See docs/docker.md.
#
# No `# syntax=` line on purpose: it would make BuildKit pull a frontend image from Docker Hub.
# The frontend built into the engine understands everything used here (RUN --mount included).

# ---- build: compile with the project's Maven wrapper, then split the jar into layers ----------
# On JDK 17, the project's language level: the runtime below is Java 25, but nothing here needs
# a newer compiler. (The local stand-in for maven:3.9-eclipse-temurin-25 that
# ../shared/scripts/docker-engine.sh builds has no CA certificates for its JDK, so Maven could
# not download from Maven Central in it.)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src

# The Maven modules' poms and main sources only (the standalone peer and what it needs, not
# examples/); tests and the formatting check belong to
# `./mvnw verify` (CI), not to the image build. The cache mount keeps ~/.m2 (local repository
# and the wrapper's Maven) between builds; it is not part of any image layer.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY bellwether-core/pom.xml bellwether-core/
COPY bellwether-spring-boot-autoconfigure/pom.xml bellwether-spring-boot-autoconfigure/
COPY bellwether-spring-boot-starter/pom.xml bellwether-spring-boot-starter/
COPY bellwether-server/pom.xml bellwether-server/
# listed in the root pom's modules, so the reactor needs its pom (it is not built here)
COPY examples/leader-job/pom.xml examples/leader-job/
COPY bellwether-core/src/main/ bellwether-core/src/main/
COPY bellwether-spring-boot-autoconfigure/src/main/ bellwether-spring-boot-autoconfigure/src/main/
COPY bellwether-server/src/main/ bellwether-server/src/main/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -pl bellwether-server -am -DskipTests -Dspring-javaformat.validate.skip=true \
 && java -Djarmode=tools -jar target/bellwether.jar extract --layers --destination target/extracted

# ---- jre: a Java runtime of just the modules the peer needs, and the files it runs on ----------
# Assembled in /rootfs and copied into an empty image: the jlink'd Temurin 25 runtime; the few
# shared libraries it, curl (HEALTHCHECK) and dash (/bin/sh, for the HEALTHCHECK's
# ${SERVER_PORT}) link against; passwd/group with the unprivileged user; an empty /tmp.
# No package manager, no other binaries.
FROM maven:3.9-eclipse-temurin-25 AS jre
# jlink copies the JDK's trust store; in the local stand-in for this image (docker-engine.sh) it
# is a dangling link, so take the JRE image's (the peer itself makes no TLS connections).
COPY --from=eclipse-temurin:25-jre /opt/java/openjdk/lib/security/cacerts /tmp/cacerts
# The modules: `jdeps --print-module-deps --ignore-missing-deps` over the extracted jar and
# lib/ (java.desktop is for java.beans, which Spring's bean introspection uses). The AWT/X11,
# sound, font and image libraries go: the peer is headless and draws nothing, and their
# X11/ALSA dependencies are absent. --compress=zip-6: the class files in lib/modules shrink
# by ~25 MB; the classes a peer loads come from the AOT cache, so that costs no start-up time
# that could be measured (docs/docker.md).
# (--strip-java-debug-attributes, not --strip-debug: that also wants objcopy, for native
# libraries that Temurin ships stripped already.)
RUN { [ -e "$JAVA_HOME/lib/security/cacerts" ] \
      || { mkdir -p /etc/ssl/certs/java && cp /tmp/cacerts /etc/ssl/certs/java/cacerts; }; } \
 && jlink --add-modules java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.sql,jdk.jfr,jdk.management,jdk.unsupported \
      --strip-java-debug-attributes --compress=zip-6 --no-man-pages --no-header-files --output /rootfs/opt/java \
 && cd /rootfs/opt/java/lib && rm libawt_xawt.so libjawt.so libsplashscreen.so libjsound.so \
      libfontmanager.so libfreetype.so liblcms.so libmlib_image.so libjavajpeg.so && cd / \
 && mkdir -p /rootfs/usr/bin /rootfs/bin /rootfs/etc /rootfs/app \
 && cp /usr/bin/curl /rootfs/usr/bin/ && cp /bin/dash /rootfs/bin/sh \
 && { for f in /rootfs/opt/java/bin/* /rootfs/opt/java/lib/*.so /rootfs/opt/java/lib/*/*.so /usr/bin/curl /bin/dash; do \
        ldd "$f" | grep -o '/[^ ]*' | grep -v '^/rootfs/'; \
      done; ls /lib/x86_64-linux-gnu/libgcc_s.so.1; } | sort -u | xargs cp -L --parents -t /rootfs \
 && groupadd --gid 10001 bellwether \
 && useradd --uid 10001 --gid bellwether --home-dir /app --no-create-home --shell /usr/sbin/nologin bellwether \
 && grep -E '^(root|bellwether):' /etc/passwd > /rootfs/etc/passwd \
 && grep -E '^(root|bellwether):' /etc/group > /rootfs/etc/group \
 && printf 'hosts: files dns\n' > /rootfs/etc/nsswitch.conf \
 && mkdir -m 1777 /rootfs/tmp

# ---- runtime: that root file system, the application, its AOT cache -------------------------
FROM scratch
COPY --from=jre /rootfs/ /
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/bin:/bin

WORKDIR /app
# Least to most frequently changed: a code change replaces only the application layer
# and snapshot-dependencies (our own modules, ~150 KB) and the AOT cache made from them below.
# The files stay owned by root: the peer may read but not change its own code.
COPY --from=build /src/target/extracted/dependencies/ ./
COPY --from=build /src/target/extracted/spring-boot-loader/ ./
COPY --from=build /src/target/extracted/snapshot-dependencies/ ./
COPY --from=build /src/target/extracted/application/ ./
# The JVM flags of every peer, the same file as scripts/local-cluster.sh and the tests use;
# the heap is its -Xmx64m (a peer keeps ~20 MB live), whatever the container's memory limit.
# To change a flag, mount another file here (docs/docker.md).
COPY config/jvm.options ./

# AOT cache (JDK 25, JEP 483/514/515): a training run that stops right after the context is
# refreshed (spring.context.exit=onRefresh: no ports are opened) records the classes the
# application loads and links, and method profiles; every start then maps them from app.aot
# instead of loading, verifying and linking them again. Measured (docs/docker.md). The cache is
# only valid for this exact JVM, class path and GC, which is why it is made here, in the
# runtime image. Its warnings (classes it cannot store) go to the build log only.
RUN java @jvm.options -XX:AOTCacheOutput=app.aot -Xlog:aot=error -Xlog:aot+codecache=off \
      -Dspring.context.exit=onRefresh -jar bellwether.jar \
      --bellwether.self-id=1 --bellwether.peers=1@127.0.0.1:7001,2@127.0.0.1:7002 \
 && test -s app.aot

USER bellwether:bellwether
# 7001: heartbeat port of peer 1 (each peer listens on the port of its own entry in
# BELLWETHER_PEERS); 8080: HTTP (REST and actuator), SERVER_PORT to change it.
EXPOSE 7001 8080

# Healthy = ready = this peer knows a leader. Orchestrators that need "process works" only
# should use /actuator/health/liveness instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health/readiness" || exit 1

# Exec form: java is PID 1 (or the child of `init: true`) and gets SIGTERM from `docker stop`,
# so the peer says LEAVE before it goes. Arguments after the image name are passed on, so the
# positional form works too: docker run bellwether:local 1 peer1 7001 2 peer2 7002 ...
# -XX:AOTCache: the JVM uses the cache when it matches, and otherwise starts without it
# (with a warning), e.g. when the flags are changed.
ENTRYPOINT ["java", "@jvm.options", "-XX:AOTCache=app.aot", "-jar", "bellwether.jar"]
