FROM debian:12-slim AS fetch
RUN wget -q -O /tmp/b.tgz https://example.com/b.tgz

FROM debian:12-slim
COPY --from=fetch /tmp/b.tgz /tmp/b.tgz
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
USER 10001
