FROM debian:12-slim
RUN wget -q -O /tmp/b.tgz https://example.com/b.tgz && curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
USER 10001
