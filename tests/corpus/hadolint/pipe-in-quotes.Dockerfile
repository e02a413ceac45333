FROM debian:12-slim
RUN echo "a | b" > /tmp/x
USER 10001
