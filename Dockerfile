# Bellwether peer image. Build: `docker build -t bellwether:local .` (BuildKit; the default in
# `docker compose build` and `docker buildx build`). See docs/docker.md.
#
# No `# syntax=` line on purpose: it would make BuildKit pull a frontend image from Docker Hub.
# The frontend built into the engine understands everything used here (RUN --mount included).

# ---- build: compile with the project's Maven wrapper, then split the jar into layers ----------
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

# ---- runtime: JRE only, non-root, one image layer per Spring Boot jar layer ------------------
FROM eclipse-temurin:17-jre

RUN groupadd --gid 10001 bellwether \
 && useradd --uid 10001 --gid bellwether --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin bellwether

WORKDIR /app
# Least to most frequently changed: a code change replaces only the application layer
# and snapshot-dependencies (our own modules, ~150 KB) and the CDS archive made from them below.
# The files stay owned by root: the peer may read but not change its own code.
COPY --from=build /src/target/extracted/dependencies/ ./
COPY --from=build /src/target/extracted/spring-boot-loader/ ./
COPY --from=build /src/target/extracted/snapshot-dependencies/ ./
COPY --from=build /src/target/extracted/application/ ./

# JVM defaults for a small, mostly idle peer in a container; override the whole variable to
# change them (e.g. in docker-compose.yml). The JVM reads it itself, no shell involved.
#   MaxRAMPercentage=75  heap follows the container's memory limit (set one: mem_limit)
#   UseSerialGC          one GC thread; the heap is small and pauses are short
#   TieredStopAtLevel=1  C1 only: no C2 compile storm during start-up, which on a small host
#                        starting several peers at once is the largest start-up cost
#   Xss512k              many small threads (one per connection), none recursing deeply
#   sun.net.inetaddr.*   peers are found by DNS name (compose service names, Kubernetes pod
#                        names); a restarted container can come back with another address, so
#                        do not cache lookups for the JVM's default 30 s, nor failed ones for
#                        10 s (the peer's main copies these flags to the security properties,
#                        without which the JDK's java.security would override the negative one;
#                        its defaults without the flags are the same: DnsCachePolicy)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Dsun.net.inetaddr.ttl=5 -Dsun.net.inetaddr.negative.ttl=0"

# Class data sharing: a training run that stops right after the context is refreshed
# (spring.context.exit=onRefresh: no ports are opened) records the classes the application
# loads; every start then maps them from app.jsa instead of loading and verifying them again.
# Measured (docs/docker.md): a third less CPU to start, ~10 MB less memory per peer, for a
# ~44 MB layer that is rebuilt with the application. The archive is only valid for this exact
# JVM and class path, which is why it is made here, in the runtime image.
# -Xlog:cds=error: the JVM lists every class it cannot archive (generated accessors, ...).
RUN BELLWETHER_SELF_ID=1 BELLWETHER_PEERS=1@127.0.0.1:7001,2@127.0.0.1:7002 \
    java -Xlog:cds=error -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh \
      -jar bellwether.jar \
 && test -s app.jsa

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
ENTRYPOINT ["java", "-XX:SharedArchiveFile=app.jsa", "-jar", "bellwether.jar"]
