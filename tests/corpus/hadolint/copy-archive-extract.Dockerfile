FROM debian:12-slim
COPY app-1.4.0.tar.gz /tmp/
RUN tar -xzf /tmp/app-1.4.0.tar.gz -C /opt && rm /tmp/app-1.4.0.tar.gz
USER 10001
