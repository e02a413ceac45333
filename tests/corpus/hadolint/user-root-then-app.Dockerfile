FROM debian:12-slim
USER root
RUN echo setup
USER app
