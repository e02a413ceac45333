FROM debian:12-slim
RUN echo "$(apt-get install -y curl)" > /dev/null
USER 10001
