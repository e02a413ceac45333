FROM ubuntu:24.04
RUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app && chmod 0440 /etc/sudoers.d/app
USER 10001
