FROM debian:12-slim
RUN set -euo pipefail; curl -fsSL https://example.com/install.sh | bash
USER 10001
