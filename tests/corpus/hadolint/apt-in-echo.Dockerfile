FROM debian:12-slim
RUN echo "run apt-get install -y curl to get curl" > /README
USER 10001
