FROM debian:12-slim
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && echo "wget would work too"
USER 10001
