# The operator image: built with the project's own Maven wrapper, run on a JRE as a non-root user.
#   docker build -t tenantguard/operator:0.1.0 .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY operator operator
COPY e2e/pom.xml e2e/pom.xml
COPY crds crds
COPY examples examples
COPY docs docs
COPY helm helm
RUN ./mvnw -B -q -pl operator -am -DskipTests package

FROM eclipse-temurin:17-jre
# 65532: the conventional non-root user of distroless images, matched by the chart's securityContext.
RUN groupadd --system --gid 65532 tenantguard && useradd --system --uid 65532 --gid 65532 --no-create-home tenantguard
COPY --from=build /src/operator/target/tenantguard.jar /app/tenantguard.jar
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/tenantguard.jar"]
CMD ["run"]
