FROM debian:12-slim
ADD rootfs.tar.xz /
USER 10001
