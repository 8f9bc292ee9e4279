# The consumer from the jar the build made: ./mvnw -B -q -DskipTests package && docker build -t reseller-offboarding .
# Pinned JRE (the same as docker-compose.yml); runs as a non-root user; JVM options come from JAVA_TOOL_OPTIONS,
# which the JVM reads by itself, so a deployment sets heap and agents without changing this file.
FROM eclipse-temurin:17.0.15_6-jre

RUN groupadd --system --gid 10001 offboarding \
 && useradd --system --uid 10001 --gid offboarding --home-dir /app --shell /usr/sbin/nologin offboarding \
 && mkdir -p /app /var/lib/offboarding \
 && chown offboarding:offboarding /var/lib/offboarding

COPY --chown=offboarding:offboarding consumer/target/offboarding-consumer.jar /app/offboarding-consumer.jar

USER 10001:10001
WORKDIR /app
# the heap follows the container's memory limit; the service exits 3 by itself on an OutOfMemoryError
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75" \
    STATE_DIR=/var/lib/offboarding \
    HEALTH_PORT=8080
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/offboarding-consumer.jar"]
