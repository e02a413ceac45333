FROM debian:12-slim
RUN wget -qO- https://example.com/key.asc | gpg --dearmor > /usr/share/keyrings/example.gpg
USER 10001
