FROM debian:12-slim
RUN echo no user
