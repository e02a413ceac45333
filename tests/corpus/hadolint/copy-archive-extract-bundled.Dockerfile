FROM debian:12-slim
WORKDIR /opt
COPY vendor.tar ./
RUN tar xf vendor.tar
USER 10001
