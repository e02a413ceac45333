FROM alpine:3.20
ENV JAVA_OPTS="-Xmx1g -Dfoo=bar"
