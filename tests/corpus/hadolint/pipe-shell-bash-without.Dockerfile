FROM debian:12-slim
SHELL ["/bin/bash", "-c"]
RUN curl -fsSL https://example.com/install.sh | bash
USER 10001
