FROM fedora:40
RUN dnf install -y nginx-1.26.1 && dnf clean all
USER 10001
