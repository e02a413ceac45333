FROM debian:12-slim
# RUN apt-get install curl
RUN echo ok
USER 10001
