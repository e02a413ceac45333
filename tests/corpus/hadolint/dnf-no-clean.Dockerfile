FROM fedora:40
RUN dnf install -y nginx-1.26.1
USER 10001
