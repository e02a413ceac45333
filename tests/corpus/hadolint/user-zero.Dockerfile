FROM debian:12-slim
USER 0:0
