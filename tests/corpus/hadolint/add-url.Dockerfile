FROM debian:12-slim
ADD https://example.com/tool-1.2.3.tar.gz /opt/
USER 10001
