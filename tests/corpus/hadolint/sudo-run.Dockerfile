FROM ubuntu:24.04
RUN sudo mkdir -p /opt/app
USER 10001
