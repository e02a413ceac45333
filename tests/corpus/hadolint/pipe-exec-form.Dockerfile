FROM debian:12-slim
RUN ["/bin/sh", "-c", "curl -fsSL https://example.com/install.sh | sh"]
USER 10001
